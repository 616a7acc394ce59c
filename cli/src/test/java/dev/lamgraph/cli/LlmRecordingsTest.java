package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.nodes.model.ModelRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the replay files of the LLM examples (graphs/replays/*.json) are made: each example runs,
 * unchanged, against {@link MockOpenAi} (a local OpenAI-compatible server answering with
 * {@link ExampleModels}) with recording switched on, exactly as {@code LAM_RECORD=FILE} does for a
 * real model. The recordings are golden files: a change to a prompt, a schema or a model setting
 * changes them, and this test fails until they are regenerated with
 * {@code mvn -pl cli -am verify -Dtest=LlmRecordingsTest -Dsurefire.failIfNoSpecifiedTests=false -Dlam.regenerate=true}.
 * {@link LlmExamplesTest} runs the examples from the committed files through {@code lam}.
 */
class LlmRecordingsTest {
  static final boolean REGENERATE = Boolean.getBoolean("lam.regenerate");
  static final String KEY = "sk-recording-not-a-real-key-5b1e";
  @TempDir Path tmp;
  ExampleDir ex;

  @BeforeEach
  void copyGraphs() throws Exception {
    ex = new ExampleDir(tmp);
  }

  static Path committed(String example) {
    return Lam.ROOT.resolve("graphs/replays/" + example + ".json");
  }

  @Test
  void invoiceReplyLlm() throws Exception {
    try (MockOpenAi model = new MockOpenAi(ExampleModels.invoiceReply())) {
      Recording r = record("invoice-reply-llm", model, Map.of());
      assertThat(r.result().status()).as(r.result().message()).isEqualTo(RunStatus.DONE);
      assertThat(model.requests()).isEqualTo(7); // 3 extractions, then a draft and a review for each of the 2 that add up
    }
  }

  @Test
  void logDebuggerLlm() throws Exception {
    try (MockOpenAi model = new MockOpenAi(ExampleModels.logDebugger())) {
      Recording r = record("log-debugger-llm", model, Map.of());
      assertThat(r.result().status()).as(r.result().message()).isEqualTo(RunStatus.DONE);
      assertThat(model.requests()).isEqualTo(2); // a grep_log call, then the diagnosis
    }
  }

  @Test
  void apiBookingLlm() throws Exception {
    try (MockOpenAi model = new MockOpenAi(ExampleModels.booking());
        BookingApi api = new BookingApi(ex.resolve("data/api-booking/server.mjs"))) {
      Recording r = record("api-booking-llm", model, Map.of("port", api.port));
      assertThat(r.result().status()).as(r.result().message()).isEqualTo(RunStatus.DONE);
      assertThat(model.requests()).isEqualTo(2); // understand, choose; nothing after the approval
      assertThat(api.bookings()).singleElement().satisfies(b -> assertThat(b).containsEntry("hotel_id", "LIS-02"));
    }
  }

  @Test
  void handbookQa() throws Exception {
    try (MockOpenAi model = new MockOpenAi(ExampleModels.handbook())) {
      Recording r = record("handbook-qa", model, Map.of());
      assertThat(r.result().status()).as(r.result().message()).isEqualTo(RunStatus.DONE);
      assertThat(model.requests()).isEqualTo(1); // retrieval is local; one answer
    }
  }

  @Test
  void invoiceScanLlm() throws Exception {
    try (MockOpenAi model = new MockOpenAi(ScanExampleModel.script())) {
      Recording r = record("invoice-scan-llm", model, Map.of());
      assertThat(r.result().status()).as(r.result().message()).isEqualTo(RunStatus.DONE);
      assertThat(model.requests()).isEqualTo(3); // the Umbrella scan, then the Hooli and Soylent e-mails as text
      assertThat(r.text()).contains("\"mime_type\" : \"image/png\"").doesNotContain("iVBORw0KGgo"); // the scan by hash, not bytes
    }
  }

  record Recording(RunResult result, String text) {}

  /** Runs the example against the mock while recording (resuming once past an approval), then compares with the committed file. */
  Recording record(String example, MockOpenAi model, Map<String, Object> input) throws Exception {
    Path file = tmp.resolve(example + ".recording.json");
    Map<String, String> env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", model.baseUrl(), ModelRecording.RECORD_ENV, file.toString());
    RunResult r;
    try (CompiledGraph g = compiler(env).compile(ex.resolve(example + ".yaml"));
        Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      r = runs.start(g, "record-" + example, input);
      if (r.status() == RunStatus.PAUSED) r = runs.resume(g, r.threadId(), Map.of()); // the person approves
    }
    assertThat(model.unexpected()).as("requests the mock model had no answer for").isEmpty();
    String text = Files.readString(file);
    assertThat(text).contains("\"format\" : \"lamgraph-replay/1\"").doesNotContain(KEY).doesNotContain(model.baseUrl());
    Path golden = committed(example);
    if (REGENERATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, text);
    }
    assertThat(golden).as("%s is missing; record it with -Dlam.regenerate=true", golden).exists();
    assertThat(text).as("%s is stale (a prompt, schema or model setting changed); rerun with -Dlam.regenerate=true", golden)
        .isEqualTo(Files.readString(golden));
    return new Recording(r, text);
  }

  /** The default compiler, its workflows reading {@code env} instead of the process environment. */
  static Compiler compiler(Map<String, String> env) {
    return Compiler.withDefaults(env, new Redactor());
  }
}
