package dev.lamgraph.cli.wfeval;

import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code lam eval}: per case its status, output, reference and scores, and per
 * scorer the mean over the cases it scored and how many passed; as JSON and as a self-contained
 * HTML page.
 */
public final class EvalReport {
  private EvalReport() {}

  /** Per scorer: {@code {mean, passed, scored}} (mean over scored cases; null when none was scored). */
  public static Map<String, Map<String, Object>> totals(List<Scorer> scorers, List<EvalRunner.Result> results) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Scorer s : scorers) {
      double sum = 0;
      int scored = 0;
      int passed = 0;
      for (EvalRunner.Result r : results) {
        Scorer.Score sc = r.scores().get(s.name());
        if (sc == null || sc.value() == null) continue;
        scored++;
        sum += sc.value();
        if (sc.passed()) passed++;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mean", scored == 0 ? null : Math.round(sum / scored * 1000) / 1000.0);
      m.put("passed", passed);
      m.put("scored", scored);
      out.put(s.name(), m);
    }
    return out;
  }

  /** The report as a JSON-shaped map. */
  public static Map<String, Object> json(String workflow, String dataset, List<Scorer> scorers, List<EvalRunner.Result> results) {
    List<Object> cases = new ArrayList<>();
    for (EvalRunner.Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.c().id());
      m.put("status", r.status());
      m.put("steps", r.steps());
      if (r.error() != null) m.put("error", r.error());
      m.put("output", r.output());
      if (r.c().hasReference()) m.put("reference", r.c().reference());
      Map<String, Object> sc = new LinkedHashMap<>();
      r.scores().forEach((k, v) -> {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("score", v.value());
        one.put("passed", v.passed());
        one.put("detail", v.detail());
        sc.put(k, one);
      });
      m.put("scores", sc);
      cases.add(m);
    }
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("cases", results.size());
    totals.put("errors", results.stream().filter(r -> r.status().equals("error") || r.status().equals("failed")).count());
    totals.put("scorers", totals(scorers, results));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", "lamgraph-eval/1");
    out.put("workflow", workflow);
    out.put("dataset", dataset);
    out.put("scorers", scorers.stream().map(Scorer::name).toList());
    out.put("totals", totals);
    out.put("cases", cases);
    return out;
  }

  /** A self-contained page (no script, no outside resource): totals, then one row per case. */
  @SuppressWarnings("unchecked")
  public static String html(Map<String, Object> report) {
    StringBuilder b = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>lam eval: ")
        .append(esc(String.valueOf(report.get("workflow")))).append("</title>\n<style>body{font:14px sans-serif;margin:2em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}"
            + ".fail{background:#fde2e2}.pass{background:#e3f6e3}code{white-space:pre-wrap}</style></head><body>\n");
    b.append("<h1>lam eval</h1>\n<p>workflow <code>").append(esc(String.valueOf(report.get("workflow")))).append("</code>, dataset <code>")
        .append(esc(String.valueOf(report.get("dataset")))).append("</code></p>\n");
    Map<String, Object> totals = (Map<String, Object>) report.get("totals");
    b.append("<h2>Totals</h2>\n<table><tr><th>scorer</th><th>mean</th><th>passed</th><th>scored</th></tr>\n");
    ((Map<String, Map<String, Object>>) totals.get("scorers")).forEach((k, v) -> b.append("<tr><td>").append(esc(k)).append("</td><td>")
        .append(v.get("mean") == null ? "-" : v.get("mean")).append("</td><td>").append(v.get("passed")).append("</td><td>")
        .append(v.get("scored")).append("</td></tr>\n"));
    b.append("</table>\n<p>").append(totals.get("cases")).append(" cases, ").append(totals.get("errors")).append(" failed or in error</p>\n");
    List<String> scorers = (List<String>) report.get("scorers");
    b.append("<h2>Cases</h2>\n<table><tr><th>case</th><th>status</th><th>output</th><th>reference</th>");
    for (String s : scorers) b.append("<th>").append(esc(s)).append("</th>");
    b.append("</tr>\n");
    for (Object o : (List<Object>) report.get("cases")) {
      Map<String, Object> c = (Map<String, Object>) o;
      b.append("<tr><td>").append(esc(String.valueOf(c.get("id")))).append("</td><td>").append(esc(String.valueOf(c.get("status"))))
          .append(c.get("error") == null ? "" : "<br><code>" + esc(String.valueOf(c.get("error"))) + "</code>")
          .append("</td><td><code>").append(esc(Json.write(c.get("output")))).append("</code></td><td><code>")
          .append(c.containsKey("reference") ? esc(Json.write(c.get("reference"))) : "").append("</code></td>");
      Map<String, Map<String, Object>> sc = (Map<String, Map<String, Object>>) c.get("scores");
      for (String s : scorers) {
        Map<String, Object> one = sc.get(s);
        if (one == null || one.get("score") == null) {
          b.append("<td>-").append(one == null ? "" : " <small>" + esc(String.valueOf(one.get("detail"))) + "</small>").append("</td>");
          continue;
        }
        b.append("<td class=\"").append(Boolean.TRUE.equals(one.get("passed")) ? "pass" : "fail").append("\">")
            .append(String.format(Locale.ROOT, "%.2f", ((Number) one.get("score")).doubleValue())).append(" <small>")
            .append(esc(String.valueOf(one.get("detail")))).append("</small></td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</table>\n</body></html>\n").toString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
