package dev.lamgraph.cli;

import dev.lamgraph.engine.node.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints diagnostics as {@code file:line:col: error[CODE]: message} lines, or as JSON objects. */
final class Diagnostics {
  private Diagnostics() {}

  static void print(Terminal t, List<Diagnostic> diags) {
    for (Diagnostic d : diags) t.out().println(d.format());
  }

  static Map<String, Object> json(Diagnostic d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("severity", d.severity().name().toLowerCase());
    m.put("code", d.code());
    m.put("file", d.pos().file());
    m.put("line", d.pos().line());
    m.put("col", d.pos().col());
    m.put("message", d.message());
    return m;
  }

  static List<Map<String, Object>> json(List<Diagnostic> diags) {
    return diags.stream().map(Diagnostics::json).toList();
  }

  static long errors(List<Diagnostic> diags) {
    return diags.stream().filter(Diagnostic::isError).count();
  }

  static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** "2 errors, 1 warning". */
  static String summary(List<Diagnostic> diags) {
    long e = errors(diags);
    return count(e, "error") + ", " + count(diags.size() - e, "warning");
  }
}
