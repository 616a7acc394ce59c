package dev.lamgraph.nodes.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.nodes.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compile-time checks of models: and llm nodes. Each case is a workflow with one mistake: the
 * diagnostic's code, line and message are asserted (the message names the offender and what to do).
 */
class CompileChecksTest {
  static final Harness H = new Harness(Map.of("SET_KEY", "sk-set-0123456789"));
  static final String OPENAI = "models:\n  default: { provider: openai, model: gpt-x, api_key: \"${env:SET_KEY}\" }\n";

  static String wf(String models, String node) {
    return Harness.oneNode(models, "string", node);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("no models section", wf("", "{ type: llm, prompt: hi, output: out }"), "NO_MODEL", 7,
            "node 'ask' needs a model, but the workflow declares none; add: models: { default: { provider: openai, model: gpt-4o-mini,"
                + " api_key: \"${env:OPENAI_API_KEY}\" } }"),
        Arguments.of("missing key of a used model", wf("models:\n  default: { provider: openai, model: gpt-x,\n"
                + "    api_key: \"${env:NOPE_KEY}\" }\n", "{ type: llm, prompt: hi, output: out }"), "MISSING_ENV", 4,
            "model 'default' (openai gpt-x), used by node 'ask', needs environment variable NOPE_KEY; set it, e.g. `export NOPE_KEY=...`"),
        Arguments.of("default key variable", wf("models:\n  m: { provider: anthropic, model: claude-x }\n",
            "{ type: llm, prompt: hi, output: out }"), "MISSING_ENV", 3, "needs environment variable ANTHROPIC_API_KEY"),
        Arguments.of("unknown model", wf(OPENAI + "  local: { provider: ollama, model: llama }\n",
            "{ type: llm, model: fast, prompt: hi, output: out }"), "UNKNOWN_MODEL", 10,
            "node 'ask' uses unknown model 'fast'; declared: default, local"),
        Arguments.of("no default among several", wf("models:\n  a: { provider: ollama, model: x }\n  b: { provider: ollama, model: y }\n",
            "{ type: llm, prompt: hi, output: out }"), "NO_MODEL", 10, "node 'ask' does not say which model to use; add `model: NAME`"
                + " (declared: a, b)"),
        Arguments.of("unknown provider", wf("models:\n  default: { provider: opnai, model: x }\n", "{ type: llm, prompt: hi, output: out }"),
            "UNKNOWN_PROVIDER", 3, "model 'default' has unknown provider 'opnai'; known: anthropic, gemini, ollama, openai, replay"),
        Arguments.of("literal key", wf("models:\n  default: { provider: openai, model: x, api_key: sk-live-abc }\n",
            "{ type: llm, prompt: hi, output: out }"), "LITERAL_SECRET", 3, "api_key of model 'default' must be an environment"
                + " reference such as \"${env:OPENAI_API_KEY}\""),
        Arguments.of("model name missing", wf("models:\n  default: { provider: ollama }\n", "{ type: llm, prompt: hi, output: out }"),
            "MISSING_FIELD", 3, "model 'default' (provider ollama) needs `model: NAME`, e.g. model: llama3.2"),
        Arguments.of("replay file missing", wf("models:\n  default: { provider: replay, file: nowhere.json }\n",
            "{ type: llm, prompt: hi, output: out }"), "REPLAY_FILE", 3, "nowhere.json does not exist; record one with LAM_RECORD="),
        Arguments.of("bad timeout", wf("models:\n  default: { provider: ollama, model: x, timeout: 0s }\n",
            "{ type: llm, prompt: hi, output: out }"), "BAD_DURATION", 3, "timeout of model 'default' is '0s'; write a positive duration"),
        Arguments.of("unknown channel in a placeholder", wf(OPENAI, "{ type: llm, prompt: 'Fix {{ state.tiket }}', output: out }"),
            "EXPR_COMPILE", 9, "node 'ask' prompt placeholder {{ state.tiket }}"),
        Arguments.of("unclosed placeholder", wf(OPENAI, "{ type: llm, prompt: 'Fix {{ state.ticket', output: out }"), "TEMPLATE", 9,
            "node 'ask' prompt: `{{` at offset 4 is never closed with `}}`"),
        Arguments.of("unknown output channel", wf(OPENAI, "{ type: llm, prompt: hi, output: answer }"), "UNKNOWN_CHANNEL", 9,
            "node 'ask' output: unknown channel 'answer'; declared: ticket, out, error"),
        Arguments.of("structured output into a string channel", wf(OPENAI, "{ type: llm, prompt: hi, output: out,"
            + " output_schema: { type: object } }"), "OUTPUT_CHANNEL", 9, "node 'ask' writes a object (output_schema) to channel 'out',"
                + " which holds string; declare it as object or any"),
        Arguments.of("invalid output schema", wf(OPENAI, "{ type: llm, prompt: hi, output: out, output_schema: { type: strin } }"),
            "OUTPUT_SCHEMA", 9, "node 'ask' output_schema"),
        Arguments.of("tools without a tools section", wf(OPENAI, "{ type: llm, prompt: hi, output: out, tools: [lookup] }"),
            "UNKNOWN_TOOL", 9, "node 'ask' offers tool 'lookup', but the workflow has no tools: section"),
        Arguments.of("unknown tool", "tools: { lookup_order: {} }\n" + wf(OPENAI, "{ type: llm, prompt: hi, output: out, tools: [lookup] }"),
            "UNKNOWN_TOOL", 10, "node 'ask' offers unknown tool 'lookup'; known: lookup_order"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void reportsTheMistakeAtItsLine(String name, String yaml, String code, int line, String message) {
    assertThatThrownBy(() -> H.compile(yaml)).isInstanceOfSatisfying(WorkflowException.class, e -> {
      List<Diagnostic> ds = e.diagnostics();
      assertThat(ds).as(ds.toString()).anySatisfy(d -> {
        assertThat(d.code()).isEqualTo(code);
        assertThat(d.pos().line()).isEqualTo(line);
        assertThat(d.message()).contains(message);
      });
      assertThat(ds).as("one mistake, one error: " + ds).hasSize(1);
    });
  }

  @Test
  void anUnusedModelDoesNotNeedItsKey() throws Exception {
    String yaml = wf(OPENAI + "  spare: { provider: anthropic, model: claude-x, api_key: \"${env:UNSET_ANTHROPIC}\" }\n",
        "{ type: llm, prompt: hi, output: out }");
    assertThat(H.compile(yaml).nodes()).containsKey("ask");
  }

  @Test
  void aWorkflowWithoutModelNodesNeedsNoKeyAtAll() throws Exception {
    String yaml = "name: w\nmodels: { default: { provider: openai, model: x } }\nstate: { out: { type: string } }\n"
        + "nodes: { s: { type: set, set: { out: \"'x'\" } } }\nedges: [ { from: START, to: s }, { from: s, to: END } ]\n";
    assertThat(new Harness(Map.of()).compile(yaml).nodes()).containsKey("s");
  }
}
