package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.store.sqlite.SqliteStore;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 9, item 5): with a secret whose value is {@code hello}, the state string
 * {@code hello world} was stored as {@code *** world} and a resumed run computed {@code *** world!}.
 * Masking must never change what a run computes.
 */
class SecretStateTest {
  static final String FLOW = """
      name: greet
      state:
        text: { type: string, default: "" }
      nodes:
        greet:  { type: set, set: { text: "state.text + ' world'" } }
        finish: { type: set, set: { text: "state.text + '!'" }%s }
      edges:
        - { from: START, to: greet }
        - { from: greet, to: finish }
        - { from: finish, to: END }
      """;

  @TempDir Path dir;

  /** The secret is the run's input (a workflow's text is stored as is, so it holds none). */
  private static RunOptions withSecret() {
    Redactor r = new Redactor();
    r.addSecret("hello");
    return RunOptions.defaults().withRedactor(r);
  }

  private CompiledGraph compile(boolean pause) throws Exception {
    return Compiler.withDefaults().compileText("greet.yaml", FLOW.formatted(pause ? ", interrupt_before: true" : ""), dir);
  }

  @Test
  void aRunPausedAndResumedInAnotherProcessComputesWhatAnUninterruptedRunComputes() throws Exception {
    Path db = dir.resolve("lam.db");
    RunResult straight;
    try (CheckpointStore s = SqliteStore.open(db); Runs runs = new Runs(s, withSecret())) {
      straight = runs.start(compile(false), "straight", Map.of("text", "hello"));
      assertThat(runs.start(compile(true), "paused", Map.of("text", "hello")).status()).isEqualTo(RunStatus.PAUSED);
    }
    RunResult resumed;
    try (CheckpointStore s = SqliteStore.open(db); Runs runs = new Runs(s, withSecret())) { // a new "process"
      // a fork copies the sealed checkpoints into another thread (sealed again for it)
      runs.fork(compile(false), "paused", 1, Map.of(), "fork");
      assertThat(runs.resume(compile(false), "fork", Map.of()).state()).containsEntry("text", "hello world!");
      resumed = runs.resume(compile(true), "paused", Map.of());
      assertThat(runs.stateAt(compile(true), "paused", 1)).containsEntry("text", "hello world");
      // trace events are output: masked when recorded
      assertThat(runs.store().events("paused")).filteredOn(e -> e.kind().equals(TraceEvent.Kind.NODE_SUCCEEDED.id()))
          .extracting(e -> Json.write(e.data().get("update"))).contains("{\"text\":\"*** world\"}");
    }
    assertThat(straight.state()).containsEntry("text", "hello world!");
    assertThat(resumed.status()).isEqualTo(RunStatus.DONE);
    assertThat(resumed.state()).isEqualTo(straight.state());

    StringBuilder raw = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("lam.db")
          && !p.toString().endsWith(".key")).toList()) {
        raw.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(raw.toString()).doesNotContain("hello").contains("lamseal:1:");
  }

  @Test
  void theSiblingUpdatesKeptByAPausedHumanNodeAreAppliedExactlyOnResume() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compileText("ask.yaml", """
        name: ask
        state:
          text: { type: string, default: "" }
          ok: { type: boolean }
        nodes:
          greet: { type: set, set: { text: "state.text + ' world'" } }
          ask: { type: human, prompt: "ok?", output: ok }
          finish: { type: set, set: { text: "state.text + '!'" } }
        edges:
          - { from: START, to: [greet, ask] }
          - { from: [greet, ask], to: finish }
          - { from: finish, to: END }
        """, dir);
    Path db = dir.resolve("lam.db");
    try (CheckpointStore s = SqliteStore.open(db); Runs runs = new Runs(s, withSecret())) {
      RunResult p = runs.start(g, "h", Map.of("text", "hello"));
      assertThat(p.status()).isEqualTo(RunStatus.PAUSED);
      assertThat(s.thread("h").orElseThrow().detailJson()).startsWith("lamseal:1:"); // the pending "hello world"
    }
    try (CheckpointStore s = SqliteStore.open(db); Runs runs = new Runs(s, withSecret())) {
      RunResult r = runs.resume(g, "h", Map.of("ok", true));
      assertThat(r.state()).containsEntry("text", "hello world!").containsEntry("ok", true);
    }
  }
}
