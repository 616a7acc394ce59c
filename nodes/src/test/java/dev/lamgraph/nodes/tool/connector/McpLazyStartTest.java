package dev.lamgraph.nodes.tool.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.nodes.tool.ToolFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for "lam validate and lam diagram execute code" (issue 9 item 3): an MCP entry's
 * command runs at a run's first use of one of its tools, never while compiling, and the server
 * process is gone once the graph is closed.
 */
class McpLazyStartTest {
  @TempDir Path dir;

  /** A workflow whose only tool is the MCP entry {@code mcp} and whose node calls {@code tool} once. */
  static String workflow(String mcp, String tool, String args) {
    return "name: lazy\ntools:\n  " + mcp + "\nstate: { obs: { type: list, reducer: append } }\n"
        + "nodes: { call: { type: tool, tool: " + tool + ", args: " + args + ", output: obs } }\n"
        + "edges: [ { from: START, to: call }, { from: call, to: END } ]\n";
  }

  @Test
  void compilingAWorkflowNeverRunsItsMcpCommandARunDoes() throws Exception {
    Path pwned = dir.resolve("PWNED");
    String text = workflow("pwn: { type: mcp, command: [touch, \"" + pwned + "\"], include: [x], startup_timeout: 2s, sandbox: none }", "pwn_x", "{}");
    var diagnostics = ToolFixtures.compiler(Map.of()).checkText("lazy.yaml", text); // what lam validate does
    assertThat(ToolFixtures.codes(diagnostics)).singleElement().asString().startsWith("TOOL_ARGS_UNCHECKED node 'call'");
    try (CompiledGraph g = ToolFixtures.compiler(Map.of()).compileText("lazy.yaml", text, dir)) { // lam diagram / state / trace
      assertThat(g.nodes()).containsKey("call");
    }
    assertThat(pwned).doesNotExist();
    // the command does run once a run calls the tool (so the check above would have caught the old eager start)
    try (CompiledGraph g = ToolFixtures.compiler(Map.of()).compileText("lazy.yaml", text, dir);
        Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      RunResult r = runs.start(g, "t", Map.of());
      Map<?, ?> obs = (Map<?, ?>) ((List<?>) r.state().get("obs")).get(0);
      assertThat(obs.get("error_kind")).isEqualTo("unavailable"); // touch is no MCP server
    }
    assertThat(pwned).exists();
  }

  @Test
  void theServerStartsAtTheFirstCallAndItsProcessIsGoneWhenTheGraphCloses() throws Exception {
    String js = McpServers.script("server-everything");
    String text = workflow("ev: { type: mcp, command: [node, \"" + js + "\", stdio], include: [echo], timeout: 20s, sandbox: none }",
        "ev_echo", "{ message: \"'lazy hello'\" }");
    List<ProcessHandle> before = McpServers.children(js);
    try (CompiledGraph g = ToolFixtures.compiler(Map.of()).compileText("lazy.yaml", text, dir);
        Runs runs = new Runs(new MemoryStore(), RunOptions.defaults())) {
      assertThat(McpServers.children(js)).isEqualTo(before).isEmpty(); // compiled: nothing started
      RunResult r = runs.start(g, "t", Map.of());
      Map<?, ?> obs = (Map<?, ?>) ((List<?>) r.state().get("obs")).get(0);
      assertThat(obs.get("ok")).as(String.valueOf(obs)).isEqualTo(true);
      assertThat(String.valueOf(obs.get("value"))).contains("lazy hello");
      assertThat(McpServers.children(js)).hasSize(1); // started by the call, still up while the graph is open
    }
    assertThat(McpServers.children(js)).isEmpty(); // closing the graph ended the server
  }
}
