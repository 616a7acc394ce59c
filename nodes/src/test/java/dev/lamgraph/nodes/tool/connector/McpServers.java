package dev.lamgraph.nodes.tool.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP servers from npm ({@code src/test/js/package.json}), installed with {@code npm ci}
 * on first use; they run from node_modules with {@code node}, without network. Never skips:
 * without node or npm the tests fail, saying why.
 */
final class McpServers {
  static final Path JS = Path.of("src/test/js").toAbsolutePath();

  private McpServers() {}

  /** The entry script of {@code @modelcontextprotocol/<name>}. */
  static synchronized String script(String name) throws IOException, InterruptedException {
    Path s = JS.resolve("node_modules/@modelcontextprotocol/" + name + "/dist/index.js");
    if (!Files.exists(s)) {
      Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + JS + ":\n" + out);
    }
    return s.toString();
  }
}
