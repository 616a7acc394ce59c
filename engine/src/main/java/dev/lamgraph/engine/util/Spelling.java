package dev.lamgraph.engine.util;

import java.util.Collection;

/**
 * "Did you mean" for a misspelt name: the closest known name within one edit for names of up to
 * five characters, two for longer ones (an edit: insert, delete, replace, or swap two neighbours),
 * if there is one; so {@code nope} suggests nothing rather than {@code name}.
 *
 * <pre>{@code
 * Spelling.didYouMean("opnai", List.of("anthropic", "openai"))   // "; did you mean 'openai'?"
 * }</pre>
 */
public final class Spelling {
  private static final int MAX_EDITS = 2;

  private Spelling() {}

  /** {@code "; did you mean 'NAME'?"}, or "" when no known name is close. */
  public static String didYouMean(String name, Collection<String> known) {
    String best = null;
    int bestDistance = (name.length() <= 5 ? 1 : MAX_EDITS) + 1;
    for (String k : known) {
      int d = distance(name.toLowerCase(), k.toLowerCase());
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null || name.isEmpty() ? "" : "; did you mean '" + best + "'?";
  }

  /**
   * The edit distance (insertions, deletions, replacements, swaps of two neighbouring characters)
   * between {@code a} and {@code b}.
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
