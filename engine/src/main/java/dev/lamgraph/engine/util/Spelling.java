package dev.lamgraph.engine.util;

import java.util.Collection;

/**
 * "Did you mean" for a misspelt name: the closest known name within two edits (insert, delete,
 * replace), if there is one.
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
    int bestDistance = MAX_EDITS + 1;
    for (String k : known) {
      int d = distance(name.toLowerCase(), k.toLowerCase());
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null || name.isEmpty() ? "" : "; did you mean '" + best + "'?";
  }

  /** The edit distance (insertions, deletions, replacements) between {@code a} and {@code b}. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(replace, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
