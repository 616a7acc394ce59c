package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.nodes.tool.ToolFixtures;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import dev.lamgraph.nodes.tool.ToolsSection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for issue 9 item 1, OS level: escapes that work with {@code sandbox: none}
 * (fixed arguments reading {@code /etc/hostname} or lamgraph's own {@code /proc/PID/environ},
 * writing outside the root, connecting to a loopback port) fail under bubblewrap. Tests that
 * run bwrap are skipped only when it is not installed (CI installs it).
 */
class ShellSandboxTest {
  static final Map<String, String> NO_BWRAP = Map.of("LAM_BWRAP", "/nonexistent/bwrap");
  @TempDir Path dir;

  private static void assumeBwrap() {
    assumeTrue(SandboxConfig.locate(System.getenv()).isPresent(), "bubblewrap (bwrap) is not installed");
  }

  private ToolRegistry tool(String command, String extra) throws Exception {
    Files.createDirectories(dir.resolve("root"));
    return registry("  t: { type: shell, command: " + command + ", allow: [cat, touch, bash, awk], root: root" + extra + " }", dir);
  }

  private static Map<?, ?> value(ToolResult r) {
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    return (Map<?, ?>) r.value();
  }

  @Test
  void readingFilesOutsideTheRootWorksWithoutTheSandboxAndFailsInIt() throws Exception {
    assumeBwrap();
    String hostname = Files.readString(Path.of("/etc/hostname"));
    String environ = "/proc/" + ProcessHandle.current().pid() + "/environ";
    try (ToolRegistry r = tool("[cat, /etc/hostname]", ", sandbox: none")) {
      assertThat(value(r.call("t", Map.of(), null)).get("stdout")).isEqualTo(hostname);
    }
    try (ToolRegistry r = tool("[cat, \"" + environ + "\"]", ", sandbox: none")) {
      assertThat((String) value(r.call("t", Map.of(), null)).get("stdout")).contains("PATH=");
    }
    try (ToolRegistry r = tool("[cat, /etc/hostname]", "")) {
      ToolResult res = r.call("t", Map.of(), null);
      assertThat(res.errorKind()).isEqualTo("exit_status");
      assertThat(res.error()).contains("No such file");
    }
    try (ToolRegistry r = tool("[cat, \"" + environ + "\"]", ", sandbox: required")) {
      ToolResult res = r.call("t", Map.of(), null);
      assertThat(res.errorKind()).isEqualTo("exit_status"); // a private /proc: lamgraph's process is not there
      assertThat(res.error()).doesNotContain("PATH=");
    }
  }

  @Test
  void writingOutsideTheRootWorksWithoutTheSandboxAndFailsInIt() throws Exception {
    assumeBwrap();
    Path outside = Files.createDirectories(dir.resolve("outside"));
    try (ToolRegistry r = tool("[touch, \"" + outside.resolve("none") + "\"]", ", sandbox: none")) {
      value(r.call("t", Map.of(), null));
    }
    assertThat(outside.resolve("none")).exists();
    try (ToolRegistry r = tool("[touch, \"" + outside.resolve("bwrap") + "\"]", ", writable: true")) {
      assertThat(r.call("t", Map.of(), null).errorKind()).isEqualTo("exit_status");
    }
    assertThat(outside.resolve("bwrap")).doesNotExist();
    try (ToolRegistry r = tool("[touch, /tmp/lam-sandbox-escape-" + ProcessHandle.current().pid() + "]", "")) {
      value(r.call("t", Map.of(), null)); // the sandbox's own /tmp
    }
    assertThat(Path.of("/tmp/lam-sandbox-escape-" + ProcessHandle.current().pid())).doesNotExist();
  }

  @Test
  void theRootIsReadOnlyUnlessTheToolIsWritable() throws Exception {
    assumeBwrap();
    try (ToolRegistry r = tool("[touch, inside]", "")) {
      ToolResult res = r.call("t", Map.of(), null);
      assertThat(res.errorKind()).isEqualTo("exit_status");
      assertThat(res.error()).contains("Read-only file system");
    }
    assertThat(dir.resolve("root/inside")).doesNotExist();
    try (ToolRegistry r = tool("[touch, inside]", ", writable: true")) {
      value(r.call("t", Map.of(), null));
    }
    assertThat(dir.resolve("root/inside")).exists();
  }

  @Test
  void aLoopbackPortIsReachableOnlyWithoutTheSandboxOrWithNetworkTrue() throws Exception {
    assumeBwrap();
    Files.createDirectories(dir.resolve("root"));
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(3000);
      Files.writeString(dir.resolve("root/connect.sh"), "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "\necho hi >&3\n");
      assertThat(connects(server, tool("[bash, connect.sh]", ", sandbox: none"))).isTrue();
      assertThat(connects(server, tool("[bash, connect.sh]", ""))).isFalse();
      assertThat(connects(server, tool("[bash, connect.sh]", ", network: true"))).isTrue();
    }
  }

  private static boolean connects(ServerSocket server, ToolRegistry r) throws Exception {
    try (r) {
      CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(() -> r.call("t", Map.of(), null));
      boolean accepted;
      try (var s = server.accept()) {
        accepted = true;
      } catch (SocketTimeoutException e) {
        accepted = false;
      }
      ToolResult res = call.get(20, TimeUnit.SECONDS);
      assertThat(res.ok()).as(String.valueOf(res.error())).isEqualTo(accepted);
      return accepted;
    }
  }

  @Test
  void scriptsOutsideTheRootNeedReadOnlyPaths() throws Exception {
    assumeBwrap();
    Files.createDirectories(dir.resolve("scripts"));
    Files.writeString(dir.resolve("scripts/hello.awk"), "BEGIN { print \"hello\" }\n");
    try (ToolRegistry r = tool("[awk, -f, ../scripts/hello.awk]", "")) {
      assertThat(r.call("t", Map.of(), null).errorKind()).isEqualTo("exit_status");
    }
    try (ToolRegistry r = tool("[awk, -f, ../scripts/hello.awk]", ", read_only_paths: [scripts]")) {
      assertThat(value(r.call("t", Map.of(), null)).get("stdout")).isEqualTo("hello\n");
    }
  }

  @Test
  void requiredRefusesToCompileWithoutBwrap() throws Exception {
    Files.createDirectories(dir.resolve("root"));
    assertThat(codes(toolDiagnostics("  t: { type: shell, command: [cat, x], allow: [cat], root: root, sandbox: required }", dir, NO_BWRAP)))
        .containsExactly("SANDBOX_REQUIRED tool 't' (type shell): sandbox: required, but bubblewrap (/nonexistent/bwrap) was not found;"
            + " install bubblewrap (apt-get install bubblewrap)");
    Map<String, String> env = new java.util.HashMap<>(NO_BWRAP);
    env.put("LAM_SANDBOX", "required");
    assertThat(codes(toolDiagnostics("  t: { type: shell, command: [cat, x], allow: [cat], root: root }", dir, env)))
        .singleElement().asString().startsWith("SANDBOX_REQUIRED");
    // a tool's own sandbox: none wins over the project default
    assertThat(toolDiagnostics("  t: { type: shell, command: [cat, x], allow: [cat], root: root, sandbox: none }", dir, env)).isEmpty();
  }

  @Test
  void withoutBwrapToolsRunUnsandboxedWithOneWarningPerRun() throws Exception {
    Files.createDirectories(dir.resolve("root"));
    Files.writeString(dir.resolve("root/a.txt"), "a");
    String tools = "  one: { type: shell, command: [cat, a.txt], allow: [cat], root: root }\n"
        + "  two: { type: shell, command: [cat, a.txt], allow: [cat], root: root }";
    List<String> warnings = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (ToolRegistry r = compile(tools, NO_BWRAP, warnings)) {
        for (int i = 0; i < 3; i++) {
          assertThat(value(r.call("one", Map.of(), null)).get("stdout")).isEqualTo("a");
          assertThat(value(r.call("two", Map.of(), null)).get("stdout")).isEqualTo("a");
        }
      }
    }
    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).isEqualTo("lam: warning: bubblewrap (bwrap) was not found:"
        + " shell tools and MCP servers run without an OS sandbox; install bubblewrap, or set sandbox: none (or LAM_SANDBOX=none)"
        + " to accept this"));
    Map<String, String> none = new java.util.HashMap<>(NO_BWRAP);
    none.put("LAM_SANDBOX", "none");
    try (ToolRegistry r = compile(tools, none, warnings)) {
      value(r.call("one", Map.of(), null));
    }
    assertThat(warnings).hasSize(2); // none was chosen: nothing to warn about
  }

  private ToolRegistry compile(String tools, Map<String, String> env, List<String> warnings) throws Exception {
    ToolsSection section = new ToolsSection(Map.of("shell", new ShellConnector(warnings::add)));
    Compiler c = new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()), SectionTypes.of(List.of(section)), env,
        new Redactor());
    return (ToolRegistry) c.compileText("t.yaml", ToolFixtures.workflow(tools), dir).resources().get("tools");
  }
}
