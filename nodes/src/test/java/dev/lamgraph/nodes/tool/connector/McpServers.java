package dev.lamgraph.nodes.tool.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    if (!Files.exists(s) || !Files.isDirectory(JS.resolve("node_modules/@modelcontextprotocol/sdk"))) {
      Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + JS + ":\n" + out);
    }
    return s.toString();
  }

  /** Live processes descending from this JVM whose command line mentions {@code marker} (e.g. a server's script). */
  static List<ProcessHandle> children(String marker) {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(marker) || p.info().arguments().map(a -> String.join(" ", a))
            .orElse("").contains(marker))
        .toList();
  }

  /** A running {@code mcp-http-server.mjs} on 127.0.0.1 and its port; the caller destroys it. */
  record Http(Process process, int port) implements AutoCloseable {
    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  static Http http(String token) throws IOException, InterruptedException {
    script("server-everything"); // installs node_modules
    ProcessBuilder pb = new ProcessBuilder("node", JS.resolve("mcp-http-server.mjs").toString()).directory(JS.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("MCP_TOKEN", token);
    Process p = pb.start();
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (line == null || !line.startsWith("listening ")) {
      p.destroyForcibly();
      throw new IllegalStateException("mcp-http-server.mjs did not start: " + line);
    }
    return new Http(p, Integer.parseInt(line.substring("listening ".length()).trim()));
  }
}
