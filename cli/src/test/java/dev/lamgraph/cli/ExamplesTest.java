package dev.lamgraph.cli;

import static dev.lamgraph.cli.ExampleDir.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.memory.Embedder;
import dev.lamgraph.nodes.memory.SqliteMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each offline example in graphs/ runs end to end through `lam run`, on a copy of graphs/ (outputs
 * stay in a temp dir). The booking example, which needs its API server, is in
 * {@link BookingExampleTest}; the LLM variants in {@link LlmExamplesTest}.
 */
class ExamplesTest {
  @TempDir Path tmp;
  ExampleDir ex;

  @BeforeEach
  void copyGraphs() throws Exception {
    ex = new ExampleDir(tmp);
  }

  @Test
  @SuppressWarnings("unchecked")
  void invoiceReplyDraftsRepliesForInvoicesThatAddUpAndFlagsTheOther() throws Exception {
    Lam.Result r = ex.run("invoice-reply.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = state(r);
    assertThat((List<Map<String, Object>>) state.get("drafts")).extracting(d -> d.get("file"))
        .containsExactly("001-acme.eml", "003-initech.eml");
    List<Map<String, Object>> flagged = (List<Map<String, Object>>) state.get("flagged");
    assertThat(flagged).singleElement().satisfies(f -> {
      assertThat(f.get("file")).isEqualTo("002-globex.eml");
      assertThat(f.get("problems")).isEqualTo(List.of("the invoice lines do not add up to its total"));
    });
    Path outbox = ex.resolve("data/invoice-reply/mail/outbox");
    assertThat(Files.readString(outbox.resolve("reply-001-acme.eml.txt")))
        .startsWith("To: Billing <billing@acme-supplies.example>\nSubject: Re: Invoice INV-2026-0412 for November\n")
        .contains("invoice INV-2026-0412 of 625.4 EUR").contains("payment by 2026-12-23");
    assertThat(outbox.resolve("reply-002-globex.eml.txt")).doesNotExist();
    try (SqliteMemory m = new SqliteMemory(ex.resolve(".lam/memory.db"), Embedder.miniLm())) {
      assertThat(m.count("vendors")).isEqualTo(2);
      assertThat(m.recall("vendors", "who sells printer toner?", 1, -1).get(0).id()).isEqualTo("ACME Supplies Ltd");
    }
  }

  /** Issue 9: a mailed file named "-fpayload.eml" made awk load the attacker's "payload.eml" as its program. */
  @Test
  void invoiceReplyRefusesAnInboxFileNamedLikeAnAwkOption() throws Exception {
    Path inbox = ex.resolve("data/invoice-reply/mail/inbox");
    Files.writeString(inbox.resolve("payload.eml"), "BEGIN { system(\"touch PWNED\") }\n");
    Files.writeString(inbox.resolve("-fpayload.eml"), "From: mallory@example.test\n");
    Lam.Result r = ex.run("invoice-reply.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1); // extract has fail_on_error: true
    assertThat(r.toString()).contains("argument 'file' of tool 'extract_invoice' ('-fpayload.eml') starts with '-'");
    try (var all = Files.walk(tmp)) {
      assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("PWNED");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void logDebuggerFindsThePoolExhaustionRecallsTheLeakIncidentAndReportsItsFix() throws Exception {
    Lam.Result r = ex.run("log-debugger.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = state(r);
    Map<String, Object> analysis = (Map<String, Object>) state.get("analysis");
    assertThat(analysis).containsEntry("errors", 4L).containsEntry("warnings", 5L).containsEntry("same_root_cause", 3L)
        .containsEntry("exception", "org.springframework.transaction.CannotCreateTransactionException")
        .containsEntry("root_cause", "java.sql.SQLTransientConnectionException");
    assertThat((Map<String, Object>) analysis.get("first_error")).containsEntry("line", 40L)
        .containsEntry("message", "POST /api/orders failed after 30004 ms");
    assertThat((List<String>) analysis.get("warning_app_frames"))
        .startsWith("com.acme.orders.report.ReportExporter.exportBatch(ReportExporter.java:88)");
    // the leak incident beats the other pool incident (a slow query) because the warnings mention the leak
    List<Map<String, Object>> similar = (List<Map<String, Object>>) state.get("similar");
    assertThat(similar).extracting(h -> h.get("id")).containsExactly("INC-2041", "INC-1877", "INC-2077");
    assertThat((Double) similar.get(0).get("score")).isGreaterThan((Double) similar.get(1).get("score") + 0.05).isGreaterThan(0.6);
    assertThat((Map<String, Object>) state.get("proposal")).containsEntry("incident", "INC-2041");
    assertThat((Map<String, Object>) state.get("verdict")).containsEntry("approve", true).containsEntry("feedback", List.of());
    assertThat(state.get("report_file")).isEqualTo("incident-orders-service.log.md");
    String report = Files.readString(ex.resolve("data/log-debugger/reports/incident-orders-service.log.md"));
    assertThat(report).isEqualTo(state.get("report")).startsWith("# Incident report: orders-service.log\n")
        .contains("- root cause: `java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available")
        .contains("- first error: line 40 at 2026-11-27 08:03:44.529 (c.a.orders.web.ApiExceptionHandler)")
        .contains("- 4 errors (3 with this root cause), 5 warnings\n")
        .contains("- warnings point at `com.acme.orders.report.ReportExporter.exportBatch(ReportExporter.java:88)`")
        .contains("INC-2041 (similarity 0.").contains("## Proposed fix\n\nRelease connections in the export job")
        .contains("## Memory graph\n\nLinked in 2 steps: orders-service.log raised java.sql.SQLTransientConnectionException; "
            + "Orders API timeouts: HikariCP pool exhausted by connections leaked in the invoice export job raised "
            + "java.sql.SQLTransientConnectionException.\n");
    // graph-augmented recall: the recalled incidents, what they touched, and the incidents that share those
    assertThat((Map<String, Object>) state.get("linked")).containsEntry("entities", 18L).containsEntry("relations", 12L);
    Map<String, Object> related = (Map<String, Object>) state.get("related");
    assertThat((List<String>) related.get("linked")).containsExactly("INC-2041", "INC-1877", "INC-2077");
    assertThat((List<String>) related.get("facts")).contains("orders-service.log raised java.sql.SQLTransientConnectionException",
        "Orders API timeouts: HikariCP pool exhausted by connections leaked in the invoice export job affected billing-service");
    assertThat((List<Map<String, Object>>) related.get("entities")).extracting(e -> e.get("id")).contains("billing-service",
        "orders-service", "inventory-service", "orders-service.log").doesNotContain("INC-1990", "media-service");
    Map<String, Object> path = (Map<String, Object>) state.get("link_path");
    assertThat(path).containsEntry("found", true).containsEntry("length", 2L);
    assertThat((List<Map<String, Object>>) path.get("entities")).extracting(e -> e.get("id"))
        .containsExactly("orders-service.log", "java.sql.SQLTransientConnectionException", "INC-2041");
    Map<String, Object> prov = (Map<String, Object>) ((List<Map<String, Object>>) path.get("relations")).get(0).get("provenance");
    assertThat(prov).containsEntry("source", "link_failure");
    assertThat((String) prov.get("thread")).isNotBlank();
    assertThat((Long) prov.get("step")).isPositive();

    // seeding is idempotent: a second run stores the same six incidents again, by id
    assertThat(ex.run("log-debugger.yaml", "--quiet").code()).isEqualTo(0);
    try (SqliteMemory m = new SqliteMemory(ex.resolve(".lam/memory.db"), Embedder.miniLm())) {
      assertThat(m.count("incidents")).isEqualTo(6);
      assertThat(m.recall("incidents", "consumer group keeps rebalancing", 1, -1).get(0).id()).isEqualTo("INC-2010");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void logDebuggerEscalatesAnUnknownFailureReportsAHealthyLogAndRefusesFilesOutsideTheLogsFolder() throws Exception {
    Lam.Result r = ex.run("log-debugger.yaml", "--json", "--input", "log=payments-service.log");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> verdict = (Map<String, Object>) state(r).get("verdict");
    assertThat(verdict).containsEntry("approve", false).containsEntry("feedback",
        List.of("it is not similar enough (below min_score)", "it failed with another exception than this log's root cause",
            "the memory graph links it to nothing this log raised"));
    assertThat(Files.readString(ex.resolve("data/log-debugger/reports/incident-payments-service.log.md")))
        .contains("- root cause: `java.nio.file.FileSystemException: /var/lib/payments/receipts/2026-11-28/R-88121.pdf: No space left")
        .contains("## No fix proposed: escalate to the on-call engineer")
        .contains(" does not fit: it is not similar enough (below min_score); it failed with another exception")
        .doesNotContain("## Proposed fix");

    Lam.Result healthy = ex.run("log-debugger.yaml", "--json", "--input", "log=inventory-service.log");
    assertThat(healthy.code()).as(healthy.toString()).isEqualTo(0);
    assertThat(state(healthy)).doesNotContainKey("similar");
    assertThat(Files.readString(ex.resolve("data/log-debugger/reports/incident-inventory-service.log.md")))
        .isEqualTo("# Log check: inventory-service.log\n\nNo ERROR entries in 5 lines; WARN entries: 1.\n");

    Lam.Result outside = ex.run("log-debugger.yaml", "--json", "--input", "log=../incidents.json");
    assertThat(outside.code()).as(outside.toString()).isEqualTo(0);
    assertThat(state(outside)).doesNotContainKey("analysis");
    assertThat((List<Map<String, Object>>) state(outside).get("problems")).singleElement()
        .satisfies(p -> assertThat(p.get("error")).isEqualTo("no log named ../incidents.json in data/log-debugger/logs"));
    try (var reports = Files.list(ex.resolve("data/log-debugger/reports"))) {
      assertThat(reports.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(".gitkeep", "incident-inventory-service.log.md", "incident-payments-service.log.md");
    }
  }
}
