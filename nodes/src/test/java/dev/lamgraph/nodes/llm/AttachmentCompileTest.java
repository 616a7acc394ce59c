package dev.lamgraph.nodes.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.nodes.testing.Harness;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a model reads is decided at compile time, from its provider (which may know its text-only
 * models by name) or its own {@code inputs:}; attaching to a model that reads text only is an
 * error naming the model.
 */
class AttachmentCompileTest {
  static final Harness H = new Harness(Map.of("K", "sk-compile-0123456789", "URL", "http://127.0.0.1:9/v1"));

  static String wf(String model) {
    return Harness.oneNode("models:\n  default: " + model + "\n", "string",
        "{ type: llm, prompt: hi, output: out, attachments: [state.ticket] }");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{ provider: openai, model: gpt-4o-mini, api_key: \"${env:K}\" }",
      "{ provider: openai, model: gpt-3.5-turbo, base_url: \"${env:URL}\" }",   // another server's model of that name: not known
      "{ provider: anthropic, model: claude-sonnet-4-5, api_key: \"${env:K}\" }",
      "{ provider: gemini, model: gemini-2.0-flash, api_key: \"${env:K}\" }",
      "{ provider: ollama, model: llava }",
      "{ provider: ollama, model: \"llama3.2-vision:11b\" }",
      "{ provider: ollama, model: \"qwen2.5vl:7b\" }",
      "{ provider: ollama, model: llama3.2, inputs: [text, image] }",
      "{ provider: replay, file: ../replays/triage.json, model: gpt-4o-mini }"})
  void visionModelsCompile(String model) throws Exception {
    assertThat(H.compile(wf(model))).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{ provider: openai, model: gpt-3.5-turbo, api_key: \"${env:K}\" } | model 'default' (openai gpt-3.5-turbo) reads text only"
          + " (provider openai: if it does read images or documents, declare inputs: [text, image] or [text, image, pdf] on it)",
      "{ provider: ollama, model: llama3.2 } | model 'default' (ollama llama3.2) reads text only",
      "{ provider: anthropic, model: claude-x, api_key: \"${env:K}\", inputs: [text] } | model 'default' (anthropic claude-x) reads"
          + " text only (inputs: [text])"})
  void textOnlyModelsAreNamed(String model, String message) {
    assertThatThrownBy(() -> H.compile(wf(model))).isInstanceOfSatisfying(WorkflowException.class, e ->
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
          assertThat(d.code()).isEqualTo("ATTACHMENT_UNSUPPORTED");
          assertThat(d.pos().line()).isEqualTo(9);
          assertThat(d.message()).startsWith("node 'ask' sends attachments, but " + message);
        }));
  }

  @Test
  void aDeclaredKindIsCheckedAgainstTheModel() {
    String yaml = Harness.oneNode("models:\n  default: { provider: ollama, model: llava }\n", "string",
        "{ type: llm, prompt: hi, output: out, attachments: [ { from: state.ticket, kind: image }, { from: state.ticket, kind: pdf } ] }");
    assertThatThrownBy(() -> H.compile(yaml)).isInstanceOfSatisfying(WorkflowException.class, e ->
        assertThat(e.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo("node 'ask' attaches pdf"
            + " (state.ticket), but model 'default' (ollama llava) does not read pdf attachments; it reads: image; use a model that"
            + " does, or declare its inputs: on the model")));
  }
}
