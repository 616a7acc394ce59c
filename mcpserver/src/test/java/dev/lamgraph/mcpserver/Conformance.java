package dev.lamgraph.mcpserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MCP conformance suite ({@code src/test/conformance/package.json}: {@code @modelcontextprotocol/conformance}
 * 0.1.16), installed with {@code npm ci} on first use, run with node against a Streamable HTTP URL
 * and a committed list of expected failures. Never skips: without node or npm the test fails, saying why.
 */
final class Conformance {
  static final Path DIR = Path.of("src/test/conformance").toAbsolutePath();

  private Conformance() {}

  record Run(int exit, String output) {}

  /** Installs the suite when {@code node_modules} is missing. */
  static synchronized void install() throws IOException, InterruptedException {
    if (Files.isDirectory(DIR.resolve("node_modules/@modelcontextprotocol/conformance"))) return;
    Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + DIR + ":\n" + out);
  }

  /**
   * Every active server scenario against {@code url}; exit 0 when exactly the scenarios of
   * {@code expectedFailures} fail. node 20 lacks {@code fs.globSync}, which the suite imports for
   * another command: {@code register.mjs} supplies a stub.
   */
  static Run servers(String url, String expectedFailures, Path output) throws IOException, InterruptedException {
    install();
    Process p = new ProcessBuilder(List.of("node", "--import", "./register.mjs",
        "node_modules/@modelcontextprotocol/conformance/dist/index.js", "server", "--url", url,
        "--expected-failures", expectedFailures, "-o", output.toString()))
        .directory(DIR.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("the conformance suite did not end in 10 minutes:\n" + out);
    }
    return new Run(p.exitValue(), out);
  }
}
