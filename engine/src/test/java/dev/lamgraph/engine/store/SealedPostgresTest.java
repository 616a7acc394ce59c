package dev.lamgraph.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.postgres.PostgresStore;
import dev.lamgraph.engine.testing.PgServer;
import dev.lamgraph.engine.util.Redactor;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a key file on one machine would not serve the other processes and workers, so a
 * secret-bearing value needs {@code LAM_STORE_KEY}: without it the run fails with a message saying
 * so and nothing is stored; with it the rows hold only the envelope.
 */
class SealedPostgresTest {
  static final String FLOW = """
      name: greet
      state:
        text: { type: string, default: "" }
      nodes:
        greet: { type: set, set: { text: "state.text + ' world'" } }
      edges:
        - { from: START, to: greet }
        - { from: greet, to: END }
      """;

  @Test
  void aSecretBearingRunNeedsLamStoreKeyAndThenItsRowsHoldNoPlaintext() throws Exception {
    PgServer pg = PgServer.shared();
    String schema = pg.newSchema();
    Redactor secrets = new Redactor();
    secrets.addSecret("hello");
    RunOptions options = RunOptions.defaults().withRedactor(secrets);
    CompiledGraph g = Compiler.withDefaults().compileText("greet.yaml", FLOW, Path.of("."));

    try (CheckpointStore s = SealedStore.wrap(PostgresStore.open(pg.url(schema), Map.of()), secrets, Map.of());
        Runs runs = new Runs(s, options)) {
      assertThat(s).isInstanceOf(RunQueue.class); // still a queue for workers
      StoreException e = catchThrowableOfType(StoreException.class, () -> runs.start(g, "t1", Map.of("text", "hello")));
      assertThat(e.getMessage()).startsWith("the input of thread 't1' holds a secret value").contains("set LAM_STORE_KEY")
          .endsWith("nothing was stored");
      assertThat(s.thread("t1")).isEmpty();
    }

    String key = Base64.getEncoder().encodeToString(new byte[32]);
    try (CheckpointStore s = SealedStore.wrap(PostgresStore.open(pg.url(schema), Map.of()), secrets, Map.of(StoreKeys.ENV, key));
        Runs runs = new Runs(s, options)) {
      RunResult r = runs.start(g, "t2", Map.of("text", "hello"));
      assertThat(r.state()).containsEntry("text", "hello world");
      assertThat(runs.stateAt(g, "t2", 1)).containsEntry("text", "hello world");
    }
    String rows = pg.psql("SELECT string_agg(coalesce(writes, '') || coalesce(snapshot, ''), ' ') FROM " + schema
        + ".lam_checkpoints") + pg.psql("SELECT string_agg(input, ' ') FROM " + schema + ".lam_threads");
    assertThat(rows).contains("lamseal:1:").doesNotContain("hello");
  }
}
