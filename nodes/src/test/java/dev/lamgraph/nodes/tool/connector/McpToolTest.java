package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mcp connector against the real npm servers (server-everything, server-filesystem) over stdio. */
class McpToolTest {
  @TempDir Path dir;

  @Test
  void everythingServerToolsAreListedValidatedAndCalled() throws Exception {
    String js = McpServers.script("server-everything");
    try (ToolRegistry r = registry("  ev: { type: mcp, command: [node, \"" + js + "\", stdio], include: [echo, get-sum], timeout: 20s }", dir)) {
      assertThat(r.all().keySet()).containsExactly("ev_echo", "ev_get-sum");
      assertThat(r.all().get("ev_get-sum").parametersSchema()).contains("\"a\"").contains("\"number\"");
      ToolResult echo = r.call("ev_echo", Map.of("message", "hi; $(touch x)"), null);
      assertThat(echo.ok()).as(String.valueOf(echo.error())).isTrue();
      assertThat(String.valueOf(echo.value())).contains("hi; $(touch x)");
      assertThat(String.valueOf(r.call("ev_get-sum", Map.of("a", 2L, "b", 3L), null).value())).contains("5");
      ToolResult bad = r.call("ev_get-sum", Map.of("a", "two", "b", 3L), null);
      assertThat(bad.errorKind()).isEqualTo("invalid_arguments"); // checked against the server's schema before calling
    }
  }

  @Test
  void filesystemServerReadsInsideItsRootAndRefusesOutside() throws Exception {
    String js = McpServers.script("server-filesystem");
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.writeString(root.resolve("note.txt"), "hello from mcp");
    Files.writeString(dir.resolve("secret.txt"), "secret");
    try (ToolRegistry r = registry("  fs: { type: mcp, command: [node, \"" + js + "\", \"" + root.toRealPath() + "\"], prefix: \"\", "
        + "include: [read_text_file, list_directory] }", dir)) {
      assertThat(r.all().keySet()).containsExactlyInAnyOrder("read_text_file", "list_directory");
      ToolResult ok = r.call("read_text_file", Map.of("path", root.toRealPath().resolve("note.txt").toString()), null);
      assertThat(String.valueOf(ok.value())).contains("hello from mcp");
      ToolResult out = r.call("read_text_file", Map.of("path", dir.toRealPath().resolve("secret.txt").toString()), null);
      assertThat(out.ok()).isFalse();
      assertThat(out.errorKind()).isEqualTo("error");
      assertThat(out.error()).containsIgnoringCase("denied");
    }
  }

  @Test
  void unknownIncludedToolsAndBrokenServersAreUnavailableObservationsAtTheFirstCall() throws Exception {
    String js = McpServers.script("server-everything");
    try (ToolRegistry r = registry("  ev: { type: mcp, command: [node, \"" + js + "\", stdio], include: [ehco, echo] }", dir)) {
      ToolResult typo = r.call("ev_ehco", Map.of("message", "hi"), null);
      assertThat(typo.errorKind()).isEqualTo("unavailable");
      assertThat(typo.error()).startsWith("the MCP server of tool 'ev' has no tool ehco; it has: ").contains("echo");
      assertThat(String.valueOf(r.call("ev_echo", Map.of("message", "hi"), null).value())).contains("hi");
    }
    try (ToolRegistry r = registry("  ev: { type: mcp, command: [node, \"" + dir.resolve("none.js") + "\"], include: [echo], "
        + "startup_timeout: 5s }", dir)) {
      ToolResult down = r.call("ev_echo", Map.of(), null);
      assertThat(down.errorKind()).isEqualTo("unavailable");
      assertThat(down.error()).startsWith("cannot start or list the tools of the MCP server of tool 'ev'");
    }
  }

  @Test
  void compileTimeProblemsAreDiagnostics() throws Exception {
    assertThat(codes(toolDiagnostics("  ev: { type: mcp, command: [node, server.js], include: [echo], prefix: x_ }\n"
        + "  x_echo: { type: java, class: \"" + JavaToolTest.class.getName() + "$Add\" }", dir, Map.of())))
        .singleElement().asString().startsWith("DUPLICATE_TOOL tool name 'x_echo' from 'x_echo' is already used by 'ev' (line 3)");
    assertThat(codes(toolDiagnostics("  ev: { type: mcp, include: [echo] }", dir, Map.of())))
        .containsExactly("MCP_TRANSPORT tool 'ev' (type mcp): give exactly one of command: (stdio server) or url: (HTTP server)");
    // the tools are named in the YAML: the server is never started to list them
    assertThat(codes(toolDiagnostics("  ev: { type: mcp, command: [node, server.js] }", dir, Map.of())))
        .containsExactly("MISSING_FIELD missing required field 'include' in tool 'ev' (type mcp)");
  }

  @Test
  void httpServersAreReachedWithSecretHeaders() throws Exception {
    try (McpServers.Http server = McpServers.http("mcp-token-0b7e55")) {
      String entry = "  web: { type: mcp, url: \"http://127.0.0.1:" + server.port() + "/mcp\", include: [shout], "
          + "headers: { Authorization: \"Bearer ${env:MCP_TOKEN}\" }, timeout: 20s }";
      try (ToolRegistry r = registry(entry, dir, Map.of("MCP_TOKEN", "mcp-token-0b7e55"))) {
        assertThat(r.all().keySet()).containsExactly("web_shout");
        assertThat(r.call("web_shout", Map.of("text", "quiet"), null).value()).isEqualTo("QUIET");
      }
      try (ToolRegistry r = registry(entry, dir, Map.of("MCP_TOKEN", "wrong-token"))) {
        ToolResult refused = r.call("web_shout", Map.of("text", "quiet"), null);
        assertThat(refused.errorKind()).isEqualTo("unavailable");
        assertThat(refused.error()).startsWith("cannot start or list the tools of the MCP server of tool 'web'");
      }
    }
  }
}
