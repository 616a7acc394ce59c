package dev.lamgraph.cli;

import dev.lamgraph.cli.MockOpenAi.Answer;
import dev.lamgraph.cli.MockOpenAi.Script;
import dev.lamgraph.engine.util.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the mock model answers for each LLM example: the answers a good model gives, derived from
 * what each request contains (the e-mail, the tool results, the search results), with one
 * deliberate slip (the Initech reply promises an earlier payment date) so the reviewing model has
 * something to catch. Requests a script does not recognise get no answer.
 */
final class ExampleModels {
  private ExampleModels() {}

  // ---- invoice-reply-llm ----

  static final Map<String, Map<String, Object>> INVOICES = Map.of(
      "INV-2026-0412", invoice("ACME Supplies Ltd", "Billing <billing@acme-supplies.example>", "Invoice INV-2026-0412 for November",
          "INV-2026-0412", "2026-12-23", 625.40, "Printer paper A4, 10 boxes", 249.90, "Toner cartridges, 4 pcs", 356.00,
          "Delivery", 19.50),
      "GX-7781", invoice("Globex Corporation", "Globex Accounts <ar@globex.example>", "Invoice GX-7781", "GX-7781", "2026-12-08",
          1625.35, "Consulting, 12 hours", 1440.00, "Travel expenses", 212.35),
      "IT-0099", invoice("Initech", "Initech Billing <billing@initech.example>", "Invoice IT-0099 (software licences)", "IT-0099",
          "2026-12-31", 620.00, "TPS report licences, 5 seats", 500.00, "Support plan", 120.00));
  private static final Pattern DRAFT = Pattern.compile(
      "Write the reply to (.+) about invoice (\\S+) of (\\S+ \\S+)\\. .* payment by (\\d{4}-\\d{2}-\\d{2})\\.", Pattern.DOTALL);

  static Script invoiceReply() {
    return chat -> {
      if (chat.system().startsWith("You extract invoice data")) {
        return INVOICES.entrySet().stream().filter(e -> chat.prompt().contains("Invoice: " + e.getKey())).findFirst()
            .map(e -> Answer.json(e.getValue())).orElse(null);
      }
      if (chat.system().startsWith("You write short, polite replies")) {
        Matcher m = DRAFT.matcher(chat.prompt());
        if (!m.matches()) return null;
        String extra = m.group(2).equals("IT-0099") ? " We can also pay it early, by 2026-12-10, if that helps you." : "";
        return Answer.text("Hello " + m.group(1) + ",\n\nthank you for invoice " + m.group(2) + " of " + m.group(3)
            + ". We have checked the amounts, and the invoice is scheduled for payment by " + m.group(4) + "." + extra
            + "\n\nKind regards,\nAccounts");
      }
      if (chat.system().startsWith("You are a strict reviewer")) {
        String reply = chat.prompt();
        if (reply.contains("pay it early")) {
          return Answer.json(verdict(false, 0.3, "The reply promises payment by 2026-12-10, but the invoice is scheduled for "
              + "payment by its due date; do not promise another date."));
        }
        return Answer.json(verdict(true, 0.95));
      }
      return null;
    };
  }

  // ---- log-debugger-llm ----

  private static final Pattern LOG_FILE = Pattern.compile("^Log file: (\\S+)$", Pattern.MULTILINE);

  @SuppressWarnings("unchecked")
  static Script logDebugger() {
    return chat -> {
      if (!chat.system().startsWith("You are an experienced SRE")) return null;
      Matcher file = LOG_FILE.matcher(chat.prompt());
      if (!file.find() || !chat.prompt().contains("INC-2041")) return null;
      if (chat.toolResults().isEmpty()) {
        return Answer.call("grep_log", ordered("pattern", "leak detection|Connection is not available", "file", file.group(1)));
      }
      Map<String, Object> observation = Json.readMap(chat.toolResults().get(0));
      if (!Boolean.TRUE.equals(observation.get("ok"))) return null;
      String stdout = (String) ((Map<String, Object>) observation.get("value")).get("stdout");
      List<String> lines = Arrays.stream(stdout.split("\n")).filter(l -> !l.isBlank()).limit(3).toList();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("summary", "The orders service ran out of database connections: requests waited 30 s for HikariPool-1 and failed.");
      d.put("root_cause", "The scheduled order export (ReportExporter.exportBatch, line 88) takes a connection for each batch and "
          + "never returns it: HikariCP flagged the leak at 08:01, and by 08:03 all 10 connections were in use (active=10, idle=0).");
      d.put("evidence", lines);
      d.put("incident_id", "INC-2041");
      d.put("fix", "Release the connection in ReportExporter.exportBatch (use JdbcTemplate, or try-with-resources with "
          + "DataSourceUtils.releaseConnection), keep leakDetectionThreshold on, and restart the service to free the pool now.");
      d.put("confidence", 0.86);
      return Answer.json(d);
    };
  }

  // ---- api-booking-llm ----

  private static final Pattern HOTELS = Pattern.compile("Hotels \\(all within the budget\\): (\\[.*])", Pattern.DOTALL);

  @SuppressWarnings("unchecked")
  static Script booking() {
    return chat -> {
      if (chat.system().startsWith("You turn a traveller's hotel request")) {
        if (!chat.prompt().contains("Three nights in Lisbon")) return null;
        return Answer.json(ordered("city", "Lisbon", "nights", 3, "max_price", 120,
            "wishes", List.of("quiet room", "breakfast included", "work trip")));
      }
      if (chat.system().startsWith("You choose hotels")) {
        Matcher m = HOTELS.matcher(chat.prompt());
        if (!m.find()) return null;
        List<Map<String, Object>> hotels = (List<Map<String, Object>>) (List<?>) Json.readList(m.group(1));
        return hotels.stream().filter(h -> Boolean.TRUE.equals(h.get("breakfast")) && String.valueOf(h.get("notes")).contains("quiet"))
            .findFirst().map(h -> Answer.json(ordered("hotel_id", h.get("id"), "reason", h.get("name") + " is the only one with quiet "
                + "rooms and breakfast included, at " + h.get("price") + " EUR a night, within the budget."))).orElse(null);
      }
      return null;
    };
  }

  private static Map<String, Object> invoice(String vendor, String from, String subject, String number, String due, double total,
      Object... lines) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vendor", vendor);
    m.put("from", from);
    m.put("subject", subject);
    m.put("invoice", number);
    m.put("due", due);
    m.put("currency", "EUR");
    List<Object> items = new java.util.ArrayList<>();
    for (int i = 0; i < lines.length; i += 2) items.add(ordered("item", lines[i], "amount", lines[i + 1]));
    m.put("lines", items);
    m.put("total", total);
    return m;
  }

  /** A map in the order given: answers are recorded as text, so they must serialise the same way every time. */
  static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static Map<String, Object> verdict(boolean approve, double score, String... feedback) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("approve", approve);
    v.put("score", score);
    v.put("feedback", List.of(feedback));
    return v;
  }

  // ---- handbook-qa ----

  /**
   * Answers the handbook question from the numbered sources in the prompt, one sentence per fact,
   * each citing the source that states it; no answer (an unexpected request) when a fact is missing.
   */
  static Script handbook() {
    return chat -> {
      if (!chat.system().startsWith("You answer questions about the company handbook")) return null;
      int at = chat.prompt().indexOf("Sources: ");
      if (at < 0) return null;
      List<String> sources = Json.readList(chat.prompt().substring(at + 9)).stream().map(String::valueOf).toList();
      String hotel = cite(sources, "140 EUR per night");
      String meals = cite(sources, "daily allowance of 45 EUR");
      String receipts = cite(sources, "within 30 days");
      if (hotel == null || meals == null || receipts == null) return null;
      return Answer.text("Hotels are reimbursed up to 140 EUR per night (190 EUR in London, Paris and Zurich) " + hotel + ". "
          + "Meals abroad are covered by a daily allowance of 45 EUR, without receipts " + meals + ". "
          + "Other expenses need a receipt, uploaded within 30 days of the trip " + receipts + ".");
    };
  }

  /** The [n] of the first source stating {@code fact}, or null. */
  private static String cite(List<String> sources, String fact) {
    for (String s : sources) if (s.contains(fact)) return s.substring(0, s.indexOf(']') + 1);
    return null;
  }
}
