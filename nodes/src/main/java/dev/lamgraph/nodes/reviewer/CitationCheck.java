package dev.lamgraph.nodes.reviewer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reviewer's citation rule: every claim of an answer cites a recalled chunk. A claim is a
 * sentence (or a line, or a list item) with at least one letter; it cites with {@code [n]} markers
 * ({@code [1]}, {@code [1, 3]}, {@code [2][4]}), placed in it or right after its final stop, where
 * {@code n} is the {@code n} of a recalled citation (or 1..size when the list's items carry no
 * {@code n}). Markdown headings are not claims.
 *
 * <pre>{@code
 * CitationCheck.Result r = CitationCheck.check("Trains go second class [1]. Flights need approval.", sources);
 * r.problems(); // ["uncited claim: \"Flights need approval.\""]
 * }</pre>
 */
final class CitationCheck {
  private static final Pattern MARKER = Pattern.compile("\\[(\\d+(?:\\s*,\\s*\\d+)*)\\]");
  /** Markers after a sentence's stop belong to that sentence: "days. [1]" is read as "days [1]." */
  private static final Pattern TRAILING = Pattern.compile("([.!?])((?:\\s*\\[\\d+(?:\\s*,\\s*\\d+)*\\])+)");

  private CitationCheck() {}

  /** The claims found and the problems (one line each, empty when every claim cites a recalled chunk). */
  record Result(int claims, int cited, List<String> problems) {}

  static Result check(String answer, Object sources) {
    Set<Long> valid = numbers(sources);
    List<String> claims = claims(answer == null ? "" : answer);
    List<String> problems = new ArrayList<>();
    if (claims.isEmpty()) problems.add("the answer has no claim to check");
    int cited = 0;
    for (String c : claims) {
      Matcher m = MARKER.matcher(c);
      List<Long> bad = new ArrayList<>();
      boolean any = false;
      while (m.find()) {
        for (String n : m.group(1).split("\\s*,\\s*")) {
          long v = Long.parseLong(n);
          if (valid.contains(v)) any = true;
          else bad.add(v);
        }
      }
      if (!bad.isEmpty()) {
        problems.add("claim cites " + bad + ", which " + (bad.size() == 1 ? "is" : "are") + " not among the " + valid.size()
            + " recalled chunks: \"" + shorten(c) + "\"");
      } else if (!any) {
        problems.add("uncited claim: \"" + shorten(c) + "\"");
      } else {
        cited++;
      }
    }
    return new Result(claims.size(), cited, problems);
  }

  static List<String> claims(String answer) {
    String t = TRAILING.matcher(answer).replaceAll("$2$1");
    List<String> out = new ArrayList<>();
    for (String line : t.split("\n")) {
      String l = line.strip();
      if (l.startsWith("#")) continue;
      l = l.replaceFirst("^([-*+]|\\d+[.)])\\s+", "");
      for (String s : l.split("(?<=[.!?])\\s+")) {
        String claim = s.strip();
        if (MARKER.matcher(claim).replaceAll("").chars().anyMatch(Character::isLetter)) out.add(claim);
      }
    }
    return out;
  }

  private static Set<Long> numbers(Object sources) {
    Set<Long> out = new LinkedHashSet<>();
    if (!(sources instanceof Collection<?> c)) return out;
    long i = 0;
    for (Object s : c) {
      i++;
      out.add(s instanceof Map<?, ?> m && m.get("n") instanceof Number n ? n.longValue() : i);
    }
    return out;
  }

  private static String shorten(String s) {
    return s.length() > 100 ? s.substring(0, 99) + "…" : s;
  }
}
