package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lam mcp` with its input piped and closed at once (`printf ... | lam mcp`): the calls already
 * sent finish and answer before it exits 0; standard output holds only JSON-RPC messages.
 */
class McpPipeIT {
  @TempDir Path dir;

  @Test
  void callsSentBeforeTheInputEndsStillAnswerAndStdoutIsOnlyJsonRpc() throws Exception {
    Path flows = McpServers.workflows(dir);
    Process p = new ProcessBuilder(McpServers.command(flows.resolve("counter.yaml").toString(), "--store", "sqlite:" + dir.resolve("lam.db")))
        .directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(String.join("\n",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"counter\",\"arguments\":{\"attempts\":98}}}",
          "").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    List<Map<String, Object>> messages = out.lines().map(Json::readMap).toList();
    assertThat(messages).allSatisfy(m -> assertThat(m).containsEntry("jsonrpc", "2.0"));
    assertThat(messages).extracting(m -> m.get("id")).containsExactly(1L, 2L);
    Map<?, ?> result = (Map<?, ?>) messages.get(1).get("result");
    assertThat(((Map<?, ?>) result.get("structuredContent")).get("status")).isEqualTo("done");
    assertThat(Files.readString(dir.resolve("err.txt")).strip())
        .isEqualTo("lam mcp: serving 1 workflow (counter) on stdio; store sqlite:" + dir.resolve("lam.db"));
  }
}
