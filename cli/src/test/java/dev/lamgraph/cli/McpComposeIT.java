package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpTextResourceContents;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.lamgraph.engine.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lam mcp` for langchain4j-mcp, the client lamgraph's own {@code mcp} tool connector uses: called
 * directly, then by a lamgraph workflow whose mcp tool is another lamgraph workflow (lamgraph composing lamgraph).
 */
class McpComposeIT {
  @TempDir Path dir;

  @Test
  void langchain4jClientCallsAWorkflowAPauseAndItsResume() throws Exception {
    Path flows = McpServers.workflows(dir);
    StdioMcpTransport transport = new StdioMcpTransport.Builder()
        .command(McpServers.command(flows.toString(), "--store", "sqlite:" + dir.resolve("lam.db"))).logEvents(false).build();
    try (McpClient client = new DefaultMcpClient.Builder().transport(transport).toolExecutionTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60)).build()) {
      Map<String, ToolSpecification> tools = client.listTools().stream()
          .collect(Collectors.toMap(ToolSpecification::name, t -> t));
      assertThat(tools).containsKeys("counter", "human", "lam_resume", "lam_status", "lam_result");
      assertThat(tools.get("human").description()).startsWith("A person approves a drafted plan");

      ToolExecutionResult done = client.executeTool(ToolExecutionRequest.builder().name("counter").arguments("{\"attempts\": 97}").build());
      assertThat(done.isError()).as(done.resultText()).isFalse();
      assertThat(Json.readMap(done.resultText())).containsEntry("status", "done");

      ToolExecutionResult paused = client.executeTool(ToolExecutionRequest.builder().name("human").arguments("{}").build());
      Map<String, Object> p = Json.readMap(paused.resultText());
      assertThat(p).containsEntry("status", "paused").containsKey("answer_schema");
      ToolExecutionResult resumed = client.executeTool(ToolExecutionRequest.builder().name("lam_resume")
          .arguments(Json.write(Map.of("thread_id", p.get("thread_id"), "answer", Map.of("approved", false)))).build());
      assertThat(Json.readMap(resumed.resultText())).containsEntry("status", "done");
      assertThat(resumed.resultText()).contains("\"stopped\"");

      // an error result: langchain4j-mcp raises it with the server's one-line message
      assertThatThrownBy(() -> client.executeTool(ToolExecutionRequest.builder().name("human").arguments("{\"plan\": 3}").build()))
          .hasMessage("input 'plan' is integer, but channel 'plan' expects list; nothing was run");

      var yaml = client.readResource("lam://workflows/counter.yaml").contents().get(0);
      assertThat(((McpTextResourceContents) yaml).text()).startsWith("# yaml-language-server");
    }
  }

  @Test
  void aWorkflowsMcpToolCallsAnotherWorkflowServedByLamMcp() throws Exception {
    Path flows = McpServers.workflows(dir);
    String inner = "sqlite:" + dir.resolve("inner.db");
    StringBuilder argv = new StringBuilder();
    for (String a : McpServers.command(flows.resolve("counter.yaml").toString(), "--store", inner)) {
      argv.append(argv.length() == 0 ? "" : ", ").append(Json.write(a));
    }
    Path outer = dir.resolve("compose.yaml");
    Files.writeString(outer, """
        name: compose
        description: Counts by calling the counter workflow, served by lam mcp, as an MCP tool.
        state:
          count:  { type: integer }
          inner:  { type: string }
          obs:    { type: list, reducer: append }
        tools:
          lam:
            type: mcp
            command: [%s]
            include: [counter]
            sandbox: none
            startup_timeout: 60s
            timeout: 120s
        nodes:
          call:
            type: tool
            tool: lam_counter
            args: { attempts: "95" }
            output: obs
            save: { count: "result.state.attempts", inner: "result.thread_id" }
            fail_on_error: true
        edges:
          - { from: START, to: call }
          - { from: call, to: END }
        """.formatted(argv));
    Lam.Result r = Lam.run(dir, "run", outer, "--store", "sqlite:" + dir.resolve("outer.db"), "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    Map<?, ?> state = (Map<?, ?>) r.json().get("state");
    assertThat(state.get("count")).isEqualTo(100L);
    String innerThread = (String) state.get("inner");
    assertThat(innerThread).startsWith("counter-");
    // the inner run is a thread of the inner server's store
    Lam.Result innerRuns = Lam.run(dir, "runs", "--store", inner);
    assertThat(innerRuns.out()).contains(innerThread);
  }
}
