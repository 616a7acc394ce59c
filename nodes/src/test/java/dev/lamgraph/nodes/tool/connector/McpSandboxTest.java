package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for issue 9 item 1, stdio MCP servers: with {@code sandbox: none} a server sees
 * lamgraph's whole environment and any file it is pointed at; under bubblewrap it sees only the
 * declared environment and the paths it was given.
 */
class McpSandboxTest {
  @TempDir Path dir;

  private static void assumeBwrap() {
    assumeTrue(SandboxConfig.locate(System.getenv()).isPresent(), "bubblewrap (bwrap) is not installed");
  }

  @Test
  void aServerSeesLamgraphsEnvironmentOnlyWithoutTheSandbox() throws Exception {
    assumeBwrap();
    String js = McpServers.script("server-everything");
    String inherited = System.getenv().keySet().stream().filter(n -> !List.of("PATH", "HOME", "LANG").contains(n))
        .filter(n -> System.getenv(n).length() > 3).sorted().findFirst().orElseThrow();
    String entry = "  ev: { type: mcp, command: [node, \"" + js + "\", stdio], include: [get-env], env: { DECLARED: \"${env:DECLARED}\" },"
        + " timeout: 20s";
    Map<String, String> env = Map.of("DECLARED", "declared-value");
    try (ToolRegistry r = registry(entry + ", sandbox: none }", dir, env)) {
      assertThat(text(r.call("ev_get-env", Map.of(), null))).contains("\"" + inherited + "\"").contains("declared-value");
    }
    try (ToolRegistry r = registry(entry + " }", dir, env)) {
      assertThat(text(r.call("ev_get-env", Map.of(), null))).doesNotContain("\"" + inherited + "\"").contains("declared-value");
    }
  }

  @Test
  void aServerPointedAtEtcReadsTheHostnameOnlyWithoutTheSandbox() throws Exception {
    assumeBwrap();
    String js = McpServers.script("server-filesystem");
    String entry = "  fs: { type: mcp, command: [node, \"" + js + "\", /etc], prefix: \"\", include: [read_text_file], timeout: 20s";
    try (ToolRegistry r = registry(entry + ", sandbox: none }", dir)) {
      assertThat(text(r.call("read_text_file", Map.of("path", "/etc/hostname"), null))).contains(Files.readString(Path.of("/etc/hostname")).strip());
    }
    try (ToolRegistry r = registry(entry + ", sandbox: required }", dir)) {
      ToolResult res = r.call("read_text_file", Map.of("path", "/etc/hostname"), null);
      assertThat(res.ok()).isFalse();
      assertThat(String.valueOf(res.error())).doesNotContain(Files.readString(Path.of("/etc/hostname")).strip());
    }
  }

  @Test
  void requiredRefusesToStartAServerWithoutBwrap() {
    Path marker = dir.resolve("started");
    assertThat(codes(toolDiagnostics("  m: { type: mcp, command: [touch, \"" + marker + "\"], include: [x], sandbox: required }", dir,
        ShellSandboxTest.NO_BWRAP))).singleElement().asString().startsWith("SANDBOX_REQUIRED tool 'm' (type mcp)");
    assertThat(marker).doesNotExist();
  }

  private static String text(ToolResult r) {
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    return String.valueOf(r.value());
  }
}
