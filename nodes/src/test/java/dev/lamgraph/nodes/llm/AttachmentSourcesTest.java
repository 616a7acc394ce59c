package dev.lamgraph.nodes.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.nodes.testing.Harness;
import dev.lamgraph.nodes.testing.MockLlm;
import dev.lamgraph.nodes.testing.TestFiles;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where attachments may come from and how large they may be: the file tool's confinement, the
 * http tool's address rules, types read from the bytes, per-attachment and total limits.
 */
class AttachmentSourcesTest {
  static final byte[] PNG = TestFiles.png(4, 4, 0xcc0000);
  final MockLlm server = AttachmentWireTest.newServer();
  final Harness h = new Harness(Map.of("MOCK", server.url("/v1")));
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void files() throws Exception {
    root = Files.createDirectory(tmp.resolve("root"));
    Files.write(root.resolve("scan.png"), PNG);
    Files.write(tmp.resolve("secret.png"), PNG);
    Files.writeString(root.resolve("notes.png"), "<html>not an image</html>");
    Files.write(root.resolve("looks-like.png"), TestFiles.pdf());
    Files.write(root.resolve("photo.jpg"), TestFiles.jpeg(8, 8));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  int before;

  RunResult run(String attachments, String policy, Map<String, Object> input) throws Exception {
    before = server.requests();
    String yaml = "name: w\nmodels:\n  default: { provider: openai, model: gpt-4o, base_url: \"${env:MOCK}\" }\n"
        + "state:\n  out: { type: string }\nnodes:\n  ask: { type: llm, prompt: 'Read.', output: out, attachments: " + attachments
        + ", attachment_policy: { root: '" + root + "'" + policy + " } }\nedges:\n  - { from: START, to: ask }\n  - { from: ask, to: END }\n";
    return h.run(h.compile(yaml), input);
  }

  /** A list with one CEL string literal. */
  static String lit(String value) {
    return "[\"'" + value + "'\"]";
  }

  RunResult run(String attachments) throws Exception {
    return run(attachments, "", Map.of());
  }

  List<?> sentContent() throws Exception {
    Object c = ((Map<?, ?>) ((List<?>) server.take().json().get("messages")).get(0)).get("content");
    return c instanceof List<?> l ? l : List.of(c);
  }

  static String url(Object part) {
    Map<?, ?> p = (Map<?, ?>) part;
    Map<?, ?> inner = (Map<?, ?>) (p.containsKey("image_url") ? p.get("image_url") : p.get("file"));
    return String.valueOf(inner.containsKey("url") ? inner.get("url") : inner.get("file_data"));
  }

  void assertFailed(RunResult r, String kind, String message) {
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.detail()).containsEntry("kind", kind);
    assertThat(r.message()).startsWith("node 'ask': ").contains(message);
    assertThat(server.requests()).as("nothing reaches the model").isEqualTo(before);
  }

  @Test
  void pathsStayUnderTheRoot() throws Exception {
    assertFailed(run(lit("../secret.png")), "refused", "'..' is not allowed");
    assertFailed(run(lit(tmp.resolve("secret.png").toString())), "refused", "is outside attachment_policy.root");
    Files.createSymbolicLink(root.resolve("link.png"), tmp.resolve("secret.png"));
    assertFailed(run(lit("link.png")), "refused", "escapes attachment_policy.root through a symbolic link");
    assertFailed(run(lit("missing.png")), "attachment", "'missing.png' does not exist under attachment_policy.root");
  }

  @Test
  void aPathNeedsADeclaredRoot() throws Exception {
    String yaml = "name: w\nmodels:\n  default: { provider: openai, model: gpt-4o, base_url: \"${env:MOCK}\" }\n"
        + "state:\n  out: { type: string }\nnodes:\n  ask: { type: llm, prompt: 'Read.', output: out, attachments: [\"'scan.png'\"] }\n"
        + "edges:\n  - { from: START, to: ask }\n  - { from: ask, to: END }\n";
    assertFailed(h.run(h.compile(yaml), Map.of()), "refused", "no attachment_policy.root is declared");
  }

  @Test
  void theTypeComesFromTheBytesNotTheName() throws Exception {
    assertFailed(run(lit("notes.png")), "attachment", "'notes.png' is not one of PNG, JPEG, GIF or WebP images and PDF documents"
        + " (its first bytes: 3c 68 74 6d 6c 3e 6e 6f)");
    server.json(MockLlm.openAiText("ok", 1, 1));
    assertThat(run("[\"'looks-like.png'\", \"'photo.jpg'\"]").status()).isEqualTo(RunStatus.DONE);
    List<?> content = sentContent();
    assertThat(url(content.get(1))).startsWith("data:application/pdf;base64,");
    assertThat(url(content.get(2))).startsWith("data:image/jpeg;base64,");
  }

  @Test
  void sizeLimitsPerAttachmentAndInTotal() throws Exception {
    assertFailed(run(lit("scan.png"), ", max_bytes: 10", Map.of()), "too_large", "'scan.png' is " + PNG.length + " bytes; the limit is 10 (attachment_policy.max_bytes)");
    assertFailed(run("[\"'scan.png'\", \"'scan.png'\"]", ", max_bytes: " + PNG.length + ", max_total: " + (PNG.length + 1), Map.of()),
        "too_large", "attachments add up to more than max_total");
    String big = "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[4096]);
    assertFailed(run("[input.img]", ", max_bytes: 1KiB", Map.of("img", big)), "too_large", "attachment input.img (base64) is 4.0 KiB, over max_bytes (1 KiB)");
  }

  @Test
  void base64ValuesInStateOrInputNullsSkippedListsFlattened() throws Exception {
    server.json(MockLlm.openAiText("ok", 1, 1));
    String b64 = Base64.getEncoder().encodeToString(PNG);
    Map<String, Object> input = new java.util.HashMap<>(Map.of("a", "data:image/png;base64," + b64,
        "b", List.of(Map.of("base64", b64), Map.of("path", "scan.png")), "empty", ""));
    input.put("none", null);
    RunResult r = run("[input.a, input.b, input.none, input.empty]", "", input);
    assertThat(r.status()).isEqualTo(RunStatus.DONE);
    List<?> content = sentContent();
    assertThat(content).hasSize(4);
    for (int i = 1; i <= 3; i++) assertThat(url(content.get(i))).isEqualTo("data:image/png;base64," + b64);
    assertThat(h.events(r, "attachments").get(0).data().get("items").toString()).contains("source=base64").contains("source=scan.png");

    assertFailed(run("[input.a]", "", Map.of("a", Map.of("base64", "not base64!"))), "attachment", "is not valid base64");
    assertFailed(run("[input.a]", "", Map.of("a", 42L)), "attachment", "attachment input.a is a Long; write a path");
  }

  @Test
  void withoutAttachmentsTheMessageStaysPlainText() throws Exception {
    server.json(MockLlm.openAiText("ok", 1, 1));
    Map<String, Object> input = new java.util.HashMap<>();
    input.put("none", null);
    assertThat(run("[input.none]", "", input).status()).isEqualTo(RunStatus.DONE);
    assertThat(((Map<?, ?>) ((List<?>) server.take().json().get("messages")).get(0)).get("content")).isEqualTo("Read.");
  }

  @Test
  void urlsNeedAnAllowedHostAndAPublicAddressUnlessAllowed() throws Exception {
    try (MockWebServer files = new MockWebServer()) {
      files.start(InetAddress.getLoopbackAddress(), 0);
      String img = "http://127.0.0.1:" + files.getPort() + "/scan.png";
      String host = "127.0.0.1:" + files.getPort();
      assertFailed(run(lit(img)), "refused", "host '127.0.0.1' is not in allow_hosts (none declared)");
      assertFailed(run(lit(img), ", allow_hosts: ['" + host + "']", Map.of()), "refused", "a loopback address");
      assertThat(files.getRequestCount()).isZero();

      files.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain").body(new Buffer().write(PNG)).build());
      server.json(MockLlm.openAiText("ok", 1, 1));
      RunResult r = run("[{ from: \"'" + img + "?sig=secret'\", kind: image }]", ", allow_hosts: ['" + host + "'], allow_private: true",
          Map.of());
      assertThat(r.status()).isEqualTo(RunStatus.DONE);
      assertThat(url(sentContent().get(1))).isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
      assertThat(h.events(r, "attachments").get(0).data().get("items").toString()).contains(img).doesNotContain("secret");

      files.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://evil.test/x.png").build());
      assertFailed(run(lit(img), ", allow_hosts: ['" + host + "'], allow_private: true", Map.of()), "refused",
          "redirect to host 'evil.test' is not in allow_hosts");
      files.enqueue(new MockResponse.Builder().code(200).body(new Buffer().writeString("x".repeat(2000), StandardCharsets.UTF_8))
          .build());
      assertFailed(run(lit(img), ", allow_hosts: ['" + host + "'], allow_private: true, max_bytes: 1KiB", Map.of()),
          "too_large", "(attachment_policy.max_bytes)");
    }
  }
}
