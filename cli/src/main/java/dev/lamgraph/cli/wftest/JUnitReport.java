package dev.lamgraph.cli.wftest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JUnit XML report of a {@code lam test} run (the format CI servers read): one
 * {@code <testsuite>} per test file, one {@code <testcase>} per case, a {@code <failure>} with the
 * first failed expectation as its message and every failure and the state diff as its text, an
 * {@code <error>} for a case that could not run to a verdict.
 */
public final class JUnitReport {
  private JUnitReport() {}

  /** The report's XML text. */
  public static String xml(List<CaseResult> results) {
    Map<String, List<CaseResult>> byFile = new LinkedHashMap<>();
    for (CaseResult r : results) byFile.computeIfAbsent(r.file(), k -> new java.util.ArrayList<>()).add(r);
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"lam test\" tests=\"").append(results.size()).append("\" failures=\"")
        .append(count(results, CaseResult.Outcome.FAILED)).append("\" errors=\"").append(count(results, CaseResult.Outcome.ERROR))
        .append("\" time=\"").append(seconds(results)).append("\">\n");
    for (var e : byFile.entrySet()) {
      List<CaseResult> rs = e.getValue();
      b.append("  <testsuite name=\"").append(esc(e.getKey())).append("\" tests=\"").append(rs.size()).append("\" failures=\"")
          .append(count(rs, CaseResult.Outcome.FAILED)).append("\" errors=\"").append(count(rs, CaseResult.Outcome.ERROR))
          .append("\" skipped=\"0\" time=\"").append(seconds(rs)).append("\">\n");
      for (CaseResult r : rs) {
        b.append("    <testcase name=\"").append(esc(r.name())).append("\" classname=\"").append(esc(r.file()))
            .append("\" time=\"").append(seconds(List.of(r))).append("\"");
        if (r.passed()) {
          b.append("/>\n");
          continue;
        }
        String tag = r.outcome() == CaseResult.Outcome.FAILED ? "failure" : "error";
        StringBuilder text = new StringBuilder();
        r.failures().forEach(f -> text.append(f).append('\n'));
        r.diff().forEach(d -> text.append(d).append('\n'));
        b.append(">\n      <").append(tag).append(" message=\"").append(esc(r.failures().isEmpty() ? tag : r.failures().get(0)))
            .append("\" type=\"").append(tag).append("\">").append(esc(text.toString())).append("</").append(tag).append(">\n")
            .append("    </testcase>\n");
      }
      b.append("  </testsuite>\n");
    }
    return b.append("</testsuites>\n").toString();
  }

  private static long count(List<CaseResult> rs, CaseResult.Outcome o) {
    return rs.stream().filter(r -> r.outcome() == o).count();
  }

  private static String seconds(List<CaseResult> rs) {
    return String.format(Locale.ROOT, "%.3f", rs.stream().mapToLong(CaseResult::millis).sum() / 1000.0);
  }

  /** XML-escaped text; characters XML 1.0 cannot hold become U+FFFD. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }
}
