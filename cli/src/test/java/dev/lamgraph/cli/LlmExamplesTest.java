package dev.lamgraph.cli;

import static dev.lamgraph.cli.ExampleDir.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.memory.Embedder;
import dev.lamgraph.nodes.memory.SqliteMemory;
import dev.lamgraph.nodes.model.ModelRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LLM variants run through {@code lam} offline, every model call answered from the committed
 * replay file in graphs/replays/ ({@link ModelRecording#replayFrom}, what {@code LAM_REPLAY=FILE}
 * switches on; one test uses {@code provider: replay} instead). No key, no model server.
 * {@link LlmRecordingsTest} says how the files are recorded.
 */
class LlmExamplesTest {
  @TempDir Path tmp;
  ExampleDir ex;

  @BeforeEach
  void copyGraphs() throws Exception {
    ex = new ExampleDir(tmp);
  }

  Lam.Result replay(String example, Object... args) {
    ex.env = ModelRecording.replayFrom(Map.of(), LlmRecordingsTest.committed(example)); // also for later commands (resume)
    return ex.run(example + ".yaml", args);
  }

  /** The model_call trace events of a thread: every one answered by the replay provider. */
  List<Map<String, Object>> modelCalls(String thread) {
    Lam.Result trace = Lam.run(tmp, "trace", thread, "--store", "sqlite:" + tmp.resolve("lam.db"), "--json");
    assertThat(trace.code()).as(trace.toString()).isEqualTo(0);
    List<Map<String, Object>> calls = trace.out().lines().map(Json::readMap).filter(e -> "model_call".equals(e.get("kind"))).toList();
    assertThat(calls).allSatisfy(c -> assertThat((Map<String, Object>) c.get("data")).containsEntry("provider", "replay"));
    return calls;
  }

  @Test
  @SuppressWarnings("unchecked")
  void invoiceReplyLlmExtractsWithTheModelChecksTotalsWithAToolAndFlagsTheDraftTheReviewerRejects() throws Exception {
    Lam.Result r = replay("invoice-reply-llm", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = state(r);
    assertThat((List<Map<String, Object>>) state.get("drafts")).singleElement()
        .satisfies(d -> assertThat(d).containsEntry("file", "001-acme.eml").containsEntry("invoice", "INV-2026-0412"));
    List<Map<String, Object>> flagged = (List<Map<String, Object>>) state.get("flagged");
    assertThat(flagged).extracting(f -> f.get("file")).containsExactly("002-globex.eml", "003-initech.eml");
    assertThat(flagged.get(0).get("problems")).isEqualTo(List.of("the invoice lines do not add up to its total"));
    assertThat((List<String>) flagged.get(1).get("problems")).singleElement().asString().contains("promises payment by 2026-12-10");

    Path outbox = ex.resolve("data/invoice-reply/mail/outbox");
    assertThat(Files.readString(outbox.resolve("reply-001-acme.eml.txt"))).isEqualTo("To: Billing <billing@acme-supplies.example>\n"
        + "Subject: Re: Invoice INV-2026-0412 for November\n\nHello ACME Supplies Ltd,\n\nthank you for invoice INV-2026-0412 of "
        + "625.4 EUR. We have checked the amounts, and the invoice is scheduled for payment by 2026-12-23.\n\nKind regards,\nAccounts\n");
    assertThat(outbox.resolve("reply-002-globex.eml.txt")).doesNotExist();
    assertThat(outbox.resolve("reply-003-initech.eml.txt")).doesNotExist();
    try (SqliteMemory m = new SqliteMemory(ex.resolve(".lam/memory.db"), Embedder.miniLm())) {
      assertThat(m.count("vendors")).isEqualTo(2); // ACME and Initech add up; Globex does not
    }
    assertThat(modelCalls((String) r.json().get("thread"))).extracting(c -> c.get("node"))
        .containsExactly("extract", "draft_reply", "review_reply", "extract", "extract", "draft_reply", "review_reply");
  }

  @Test
  @SuppressWarnings("unchecked")
  void invoiceScanLlmReadsTheScanWithAVisionModelAndFallsBackToTheText() throws Exception {
    Lam.Result r = replay("invoice-scan-llm", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = state(r);
    assertThat((List<Map<String, Object>>) state.get("extracted")).extracting(e -> e.get("folder"), e -> e.get("via"),
        e -> e.get("invoice"), e -> e.get("total")).containsExactly(
            org.assertj.core.groups.Tuple.tuple("004-umbrella", "scan", "UOS-5521", 1497.0),
            org.assertj.core.groups.Tuple.tuple("005-hooli", "text", "HX-2230", 225.0),
            org.assertj.core.groups.Tuple.tuple("006-soylent", "text, scan unreadable (attachment)", "SG-0107", 320.0));
    assertThat(state.get("flagged")).isEqualTo(List.of());
    String thread = (String) r.json().get("thread");
    assertThat(modelCalls(thread)).extracting(c -> c.get("node")).containsExactly("read_scan", "read_text", "read_text");
    Lam.Result trace = Lam.run(tmp, "trace", thread, "--store", "sqlite:" + tmp.resolve("lam.db"), "--json");
    List<Map<String, Object>> sent = trace.out().lines().map(Json::readMap).filter(e -> "attachments".equals(e.get("kind"))).toList();
    assertThat(sent).singleElement().satisfies(e -> assertThat(String.valueOf(e.get("data"))).contains("004-umbrella/scan.png")
        .contains("image/png").contains("sha256:17caeea5"));
  }

  @Test
  void aTextOnlyModelIsRefusedBeforeTheRunNamingTheModel() throws Exception {
    Path yaml = ex.resolve("invoice-scan-llm.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("    timeout: 60s\n", "    timeout: 60s\n    inputs: [text]\n"));
    Lam.Result check = Lam.run(tmp, "validate", yaml); // no key needed to look: the error is the model's, not the key's
    assertThat(check.code()).as(check.toString()).isEqualTo(2);
    assertThat(check.out() + check.err()).contains(":81:18: error[ATTACHMENT_UNSUPPORTED]: node 'read_scan' sends attachments, but"
        + " model 'default' (openai gpt-4o-mini) reads text only (inputs: [text])").doesNotContain("\tat ");
    Lam.Result r = replay("invoice-scan-llm");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains("error[ATTACHMENT_UNSUPPORTED]: node 'read_scan' sends attachments, but model 'default'"
        + " (replay gpt-4o-mini) reads text only (inputs: [text])").doesNotContain("\tat ");
    assertThat(r.err()).contains("nothing was run");
  }

  @Test
  @SuppressWarnings("unchecked")
  void logDebuggerLlmGrepsForEvidenceNamesTheRecalledIncidentAndWritesTheReport() throws Exception {
    Lam.Result r = replay("log-debugger-llm", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = state(r);
    Map<String, Object> diagnosis = (Map<String, Object>) state.get("diagnosis");
    assertThat(diagnosis).containsEntry("incident_id", "INC-2041").containsEntry("confidence", 0.86);
    assertThat((List<String>) diagnosis.get("evidence")).hasSize(3).first().asString()
        .startsWith("18:2026-11-27 08:01:02.118  WARN").contains("Connection leak detection triggered");
    assertThat((Map<String, Object>) state.get("verdict")).containsEntry("approve", true);
    String report = Files.readString(ex.resolve("data/log-debugger/reports/incident-orders-service.log.md"));
    assertThat(report).isEqualTo(state.get("report"))
        .startsWith("# Incident report: orders-service.log\n\nThe orders service ran out of database connections")
        .contains("## Diagnosis (model, confidence 0.86)\n\nThe scheduled order export (ReportExporter.exportBatch, line 88)")
        .contains("    18:2026-11-27 08:01:02.118  WARN")
        .contains("## Matching past incident\n\nINC-2041: Orders API timeouts: HikariCP pool exhausted")
        .contains("## Proposed fix\n\nRelease the connection in ReportExporter.exportBatch");
    List<Map<String, Object>> calls = modelCalls((String) r.json().get("thread"));
    assertThat(calls).extracting(c -> c.get("node")).containsExactly("diagnose", "diagnose");
  }

  @Test
  void logDebuggerLlmRunsFromAReplayModelDeclaredInTheWorkflowToo() throws Exception {
    // provider: replay keeps the model's settings, so the recorded request keys still match
    Path yaml = ex.resolve("log-debugger-llm.yaml");
    String text = Files.readString(yaml);
    String models = text.substring(text.indexOf("models:\n"), text.indexOf("tools:\n"));
    Files.writeString(yaml, text.replace(models, "models:\n  default: { provider: replay, file: replays/log-debugger-llm.json, "
        + "model: gpt-4o-mini, temperature: 0, max_tokens: 1000 }\n"));
    Lam.Result r = ex.run("log-debugger-llm.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(String.valueOf(state(r).get("report"))).contains("INC-2041");
  }

  @Test
  @SuppressWarnings("unchecked")
  void apiBookingLlmUnderstandsTheRequestChoosesByTheWishesAndBooksOnceAfterApproval() throws Exception {
    try (BookingApi api = new BookingApi(ex.resolve("data/api-booking/server.mjs"))) {
      Lam.Result paused = replay("api-booking-llm", "--json", "--input", "port=" + api.port);
      assertThat(paused.code()).as(paused.toString()).isEqualTo(3);
      Map<String, Object> before = state(paused);
      assertThat((Map<String, Object>) before.get("trip")).containsEntry("city", "Lisbon").containsEntry("nights", 3L)
          .containsEntry("max_price", 120L);
      // not the cheapest (LIS-01, a hostel with a bar): the one with quiet rooms and breakfast
      assertThat((Map<String, Object>) before.get("choice")).containsEntry("hotel_id", "LIS-02");
      assertThat((Map<String, Object>) before.get("hotel")).containsEntry("name", "Casa do Jardim").containsEntry("price", 96L);
      assertThat(api.bookings()).isEmpty();

      String thread = (String) paused.json().get("thread");
      Lam.Result done = ex.resume(thread, "--json");
      assertThat(done.code()).as(done.toString()).isEqualTo(0);
      assertThat(String.valueOf(state(done).get("summary"))).isEqualTo("Booked Casa do Jardim in Lisbon for 3 nights: 288 EUR "
          + "(booking BK-1001). Why this hotel: Casa do Jardim is the only one with quiet rooms and breakfast included, at 96 EUR "
          + "a night, within the budget.");
      assertThat(ex.resume(thread, "--quiet").code()).isEqualTo(0);
      assertThat(api.bookings()).singleElement().satisfies(b -> assertThat(b).containsEntry("hotel_id", "LIS-02").containsEntry("total", 288L));
      assertThat(modelCalls(thread)).extracting(c -> c.get("node")).containsExactly("understand", "choose");
    }
  }
}
