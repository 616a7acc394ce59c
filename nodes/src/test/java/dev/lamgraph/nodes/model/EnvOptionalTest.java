package dev.lamgraph.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.util.Redactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A compile for inspection ({@link Compiler#envOptional()}) reports a missing variable of a model or
 * a tool as a MISSING_ENV warning instead of an error; the model then fails with kind
 * {@code missing_env} when called, naming the variables. A compile to run still refuses.
 */
class EnvOptionalTest {
  static final String WF = """
      name: w
      models:
        default: { provider: openai, model: gpt-x, api_key: "${env:NOPE_KEY}", base_url: "${env:NOPE_URL}" }
      tools:
        get: { type: http, url: "http://127.0.0.1:1/x", allow_hosts: [127.0.0.1], allow_private: true,
               headers: { A: "Bearer ${env:NOPE_TOKEN}" } }
      state:
        out: { type: any }
      nodes:
        ask: { type: llm, prompt: hi, output: out }
      edges:
        - { from: START, to: ask }
        - { from: ask, to: END }
      """;

  static List<String> format(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.severity() + " " + d.code() + " " + d.message()).toList();
  }

  @Test
  void toRunAMissingVariableIsAnErrorForInspectionAWarning() {
    Compiler strict = Compiler.withDefaults(Map.of(), new Redactor());
    assertThat(format(strict.checkText("w.yaml", WF))).satisfiesExactlyInAnyOrder(
        d -> assertThat(d).startsWith("ERROR MISSING_ENV model 'default' (openai gpt-x), used by node 'ask', needs environment"
            + " variables NOPE_KEY, NOPE_URL; set them"),
        d -> assertThat(d).startsWith("ERROR MISSING_ENV tool 'get'").contains("NOPE_TOKEN"));
    assertThat(format(strict.envOptional().checkText("w.yaml", WF))).satisfiesExactlyInAnyOrder(
        d -> assertThat(d).startsWith("WARNING MISSING_ENV model 'default' (openai gpt-x), used by node 'ask', needs environment"
            + " variables NOPE_KEY, NOPE_URL (not set): a run that calls it fails"),
        d -> assertThat(d).startsWith("WARNING MISSING_ENV tool 'get'").contains("NOPE_TOKEN"));
  }

  @Test
  void aSqlToolWhoseUrlIsAVariableIsOnlyWarnedAboutForInspection() {
    String wf = WF.replace("get: { type: http, url: \"http://127.0.0.1:1/x\", allow_hosts: [127.0.0.1], allow_private: true,\n"
        + "         headers: { A: \"Bearer ${env:NOPE_TOKEN}\" } }", "q: { type: sql, url: \"jdbc:${env:NOPE_DB}\", query: \"SELECT 1\" }");
    assertThat(wf).contains("NOPE_DB");
    Compiler strict = Compiler.withDefaults(Map.of("NOPE_KEY", "k", "NOPE_URL", "http://127.0.0.1:1/v1"), new Redactor());
    assertThat(format(strict.checkText("w.yaml", wf))).singleElement().asString().startsWith("ERROR MISSING_ENV tool 'q'");
    // no SQL_DRIVER error for the unresolved URL: the driver is checked once the variable is set
    assertThat(format(strict.envOptional().checkText("w.yaml", wf))).singleElement().asString()
        .startsWith("WARNING MISSING_ENV tool 'q' (type sql): environment variable NOPE_DB is not set");
  }

  @Test
  void aModelCompiledWithoutItsVariablesFailsWithMissingEnvWhenCalled() throws Exception {
    Redactor secrets = new Redactor();
    try (CompiledGraph g = Compiler.withDefaults(Map.of(), secrets).envOptional().compileText("w.yaml", WF, Path.of("."));
        Runs runs = new Runs(new MemoryStore(), RunOptions.defaults().withRedactor(secrets))) {
      RunResult r = runs.start(g, "t-env", Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.FAILED);
      assertThat(r.detail()).containsEntry("kind", ModelException.MISSING_ENV);
      assertThat(r.message()).contains("model 'default' (openai gpt-x) needs environment variables NOPE_KEY, NOPE_URL, not set;"
          + " set them, e.g. `export NOPE_KEY=...`");
    }
  }
}
