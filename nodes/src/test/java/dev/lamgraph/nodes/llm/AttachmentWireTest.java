package dev.lamgraph.nodes.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import dev.lamgraph.nodes.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attachments reach each provider in its own wire format: langchain4j's real clients against a
 * local server, asserting the request body they sent.
 */
class AttachmentWireTest {
  static final byte[] PNG = TestFiles.png(3, 2, 0x336699);
  static final byte[] PDF = TestFiles.pdf();
  final MockLlm server = newServer();
  final Harness h = new Harness(Map.of("OPENAI_API_KEY", "sk-test-0123456789", "ANTHROPIC_API_KEY", "sk-ant-0123456789",
      "GEMINI_API_KEY", "gem-test-0123456789", "MOCK", server.url("/v1"), "MOCK_ROOT", server.url("/")));
  @TempDir Path root;

  static MockLlm newServer() {
    try {
      return new MockLlm();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeEach
  void files() throws Exception {
    Files.write(root.resolve("scan.png"), PNG);
    Files.write(root.resolve("invoice.pdf"), PDF);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A workflow with one node asking {@code model} with the scan and the PDF attached. */
  String workflow(String model, String attachments) {
    return "name: w\nmodels:\n  default: " + model + "\nstate:\n  scan: { type: string, default: scan.png }\n"
        + "  doc: { type: string, default: invoice.pdf }\n  out: { type: string }\nnodes:\n  ask: { type: llm, prompt: 'Read these.',"
        + " output: out, attachments: " + attachments + ", attachment_policy: { root: '" + root + "' } }\n"
        + "edges:\n  - { from: START, to: ask }\n  - { from: ask, to: END }\n";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void openAiGetsImageUrlDataUrisAndFileParts() throws Exception {
    server.json(MockLlm.openAiText("Total 42.00 EUR", 900, 5));
    RunResult r = h.run(h.compile(workflow("{ provider: openai, model: gpt-4o, base_url: \"${env:MOCK}\" }",
        "[state.scan, state.doc]")), Map.of());

    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    assertThat(r.state().get("out")).isEqualTo("Total 42.00 EUR");
    List<?> content = (List<?>) ((Map<?, ?>) ((List<?>) server.take().json().get("messages")).get(0)).get("content");
    assertThat(content).hasSize(3);
    assertThat(content.get(0)).isEqualTo(Map.of("type", "text", "text", "Read these."));
    assertThat(map(content.get(1))).containsEntry("type", "image_url");
    assertThat(((Map<?, ?>) ((Map<?, ?>) content.get(1)).get("image_url")).get("url")).isEqualTo("data:image/png;base64," + b64(PNG));
    assertThat(map(content.get(2))).containsEntry("type", "file");
    assertThat(((Map<?, ?>) ((Map<?, ?>) content.get(2)).get("file")).get("file_data"))
        .isEqualTo("data:application/pdf;base64," + b64(PDF));
    assertThat(h.events(r, "attachments").get(0).data()).containsEntry("count", 2L);
    assertThat(h.events(r, "model_call").get(0).data()).containsEntry("attachments", 2L);
  }

  @Test
  void anthropicGetsBase64ImageAndDocumentSources() throws Exception {
    server.json(MockLlm.anthropicText("Total 42.00 EUR", 900, 5));
    RunResult r = h.run(h.compile(workflow("{ provider: anthropic, model: claude-test, base_url: \"${env:MOCK}/\" }",
        "[state.scan, state.doc]")), Map.of());

    assertThat(r.state().get("out")).isEqualTo("Total 42.00 EUR");
    List<?> content = (List<?>) ((Map<?, ?>) ((List<?>) server.take().json().get("messages")).get(0)).get("content");
    assertThat(content).hasSize(3);
    assertThat(content.get(1)).isEqualTo(Map.of("type", "image", "source", Map.of("type", "base64", "media_type", "image/png",
        "data", b64(PNG))));
    assertThat(content.get(2)).isEqualTo(Map.of("type", "document", "source", Map.of("type", "base64", "media_type",
        "application/pdf", "data", b64(PDF))));
  }

  @Test
  void geminiGetsInlineData() throws Exception {
    server.json(MockLlm.geminiText("Total 42.00 EUR", 900, 5));
    RunResult r = h.run(h.compile(workflow("{ provider: gemini, model: gemini-test, base_url: \"${env:MOCK}\" }",
        "[state.scan, state.doc]")), Map.of());

    assertThat(r.state().get("out")).isEqualTo("Total 42.00 EUR");
    Map<String, Object> body = server.take().json();
    List<?> parts = (List<?>) ((Map<?, ?>) ((List<?>) body.get("contents")).get(0)).get("parts");
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0)).isEqualTo(Map.of("text", "Read these."));
    assertThat(parts.get(1)).isEqualTo(Map.of("inlineData", Map.of("mimeType", "image/png", "data", b64(PNG))));
    assertThat(parts.get(2)).isEqualTo(Map.of("inlineData", Map.of("mimeType", "application/pdf", "data", b64(PDF))));
  }

  @Test
  void ollamaGetsImagesAndRefusesADocumentAtRunTime() throws Exception {
    server.json(MockLlm.ollamaText("Total 42.00 EUR", 900, 5));
    String ollama = "{ provider: ollama, model: llava, base_url: \"${env:MOCK_ROOT}\" }";
    RunResult r = h.run(h.compile(workflow(ollama, "[state.scan]")), Map.of());

    assertThat(r.state().get("out")).isEqualTo("Total 42.00 EUR");
    Map<?, ?> msg = (Map<?, ?>) ((List<?>) server.take().json().get("messages")).get(0);
    assertThat(msg.get("content")).isEqualTo("Read these.");
    assertThat(msg.get("images")).isEqualTo(List.of(b64(PNG)));

    RunResult pdf = h.run(h.compile(workflow(ollama, "[state.doc]")), Map.of());
    assertThat(pdf.status()).isEqualTo(RunStatus.FAILED);
    assertThat(pdf.detail()).containsEntry("kind", "attachment_unsupported");
    assertThat(pdf.message()).isEqualTo("node 'ask': attachment 'invoice.pdf' is application/pdf, but model 'default' (ollama llava)"
        + " does not read pdf attachments; it reads: image");
    assertThat(server.requests()).isEqualTo(1);
  }
}
