package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real A2A client {@code @a2a-js/sdk} 1.3.0 (pinned in src/test/js/package-lock.json) drives a
 * {@link LamServer} with a bearer token, once with its A2A v1.0 JSON-RPC transport and once with
 * its v0.3 one: every scenario of {@code src/test/js/a2a-scenarios.mjs} (card, message/send,
 * message/stream, input-required answered by the next message, tasks/get, tasks/cancel). Never
 * skips: without node or npm the test fails, saying why.
 */
class A2aSdkTest {
  @TempDir Path dir;

  /** {@code npm ci} in src/test/js when {@code @a2a-js/sdk} is not installed yet (a checkout installed before it was added). */
  static synchronized void installSdk() throws IOException, InterruptedException {
    LangGraphSdkTest.installSdk();
    if (Files.isDirectory(LangGraphSdkTest.JS.resolve("node_modules/@a2a-js/sdk"))) return;
    Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(LangGraphSdkTest.JS.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException("npm ci failed in " + LangGraphSdkTest.JS + " (node and npm are needed):\n" + out);
  }

  @Test
  void theA2aSdkDrivesTheServer() throws Exception {
    installSdk();
    TestServer.fixtures(dir).close();
    try (TestServer s = new TestServer(dir, ServerOptions.defaults().withToken("a2a-secret-token"), "memory:", Map.of())) {
      List<String> out = LangGraphSdkTest.node("a2a-scenarios.mjs", s.server.url(), "a2a-secret-token");
      List<String> expected = new java.util.ArrayList<>(List.of("ok v1 agentCard", "ok v1 readmeSnippet"));
      for (String v : List.of("v1", "v03")) {
        for (String scenario : List.of("sendCompletes", "streamWithStatusUpdatesAndArtifact", "inputRequiredAnsweredByTheNextMessage",
            "textToTheMessagesChannelTwoTurns", "cancel")) {
          expected.add("ok " + v + " " + scenario);
        }
      }
      assertThat(out).as(String.join("\n", out)).containsAll(expected);
      assertThat(out).noneMatch(l -> l.startsWith("FAIL"));
    }
  }
}
