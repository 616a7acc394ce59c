package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, installed from
 * mcpserver/src/test/conformance) against `lam mcp` over stdio. The suite speaks Streamable HTTP
 * only: stdio-bridge.mjs passes its JSON-RPC messages through to one `lam mcp` process per session.
 * Exactly the scenarios of stdio-expected-failures.yml may fail (each with its reason there).
 */
class McpConformanceIT {
  static final Path DIR = Lam.ROOT.resolve("mcpserver/src/test/conformance");

  @TempDir Path dir;

  @Test
  void conformanceSuiteFailsOnlyTheListedScenarios() throws Exception {
    install();
    Path flows = McpServers.workflows(dir);
    List<String> argv = new ArrayList<>(List.of("node", "stdio-bridge.mjs"));
    argv.addAll(McpServers.command(flows.toString(), "--store", "sqlite:" + dir.resolve("lam.db")));
    Process bridge = new ProcessBuilder(argv).directory(DIR.toFile()).redirectError(dir.resolve("bridge.err").toFile()).start();
    try {
      String line = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertThat(line).as("bridge: " + Files.readString(dir.resolve("bridge.err"))).startsWith("listening ");
      String url = "http://127.0.0.1:" + line.substring("listening ".length()).strip() + "/mcp";
      Process suite = new ProcessBuilder("node", "--import", "./register.mjs", "node_modules/@modelcontextprotocol/conformance/dist/index.js",
          "server", "--url", url, "--expected-failures", "stdio-expected-failures.yml", "-o", dir.resolve("results").toString())
          .directory(DIR.toFile()).redirectErrorStream(true).start();
      String out = new String(suite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(suite.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(suite.exitValue()).as(out).isZero();
      assertThat(out).contains("✓ server-initialize").contains("✓ tools-list").contains("✓ resources-list").contains("✓ ping");
      assertThat(Files.readString(dir.resolve("bridge.err"))).doesNotContain("Exception").doesNotContain("\tat ");
    } finally {
      bridge.descendants().forEach(ProcessHandle::destroy);
      bridge.destroy();
      bridge.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** npm ci when node_modules is missing (the mcpserver module's tests may have installed it). Never skips. */
  private static synchronized void install() throws Exception {
    if (Files.isDirectory(DIR.resolve("node_modules/@modelcontextprotocol/conformance"))) return;
    Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + DIR + ":\n" + out);
  }
}
