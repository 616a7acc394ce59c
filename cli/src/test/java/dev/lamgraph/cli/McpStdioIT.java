package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamgraph.engine.util.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lam mcp` as a process, driven by the official MCP Java SDK's client over stdio. */
class McpStdioIT {
  @TempDir Path dir;
  private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
  private final StringBuffer stderr = new StringBuffer();
  private McpSyncClient client;
  private String store;

  @BeforeEach
  void start() throws Exception {
    Path flows = McpServers.workflows(dir);
    store = "sqlite:" + dir.resolve("lam.db");
    List<String> argv = McpServers.command(flows.toString(), "--store", store);
    StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(argv.get(0))
        .args(argv.subList(1, argv.size())).build(), new JacksonMcpJsonMapper(new ObjectMapper()));
    transport.setStdErrorHandler(stderr::append);
    client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60))
        .progressConsumer(progress::add).build();
    McpSchema.InitializeResult init = client.initialize();
    assertThat(init.serverInfo().name()).isEqualTo("lamgraph");
  }

  @AfterEach
  void stop() {
    if (client != null) client.closeGracefully();
  }

  @Test
  void workflowsAreToolsWithTheirInputSchemas() {
    var tools = client.listTools().tools();
    assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("counter", "human", "lam_resume", "lam_status", "lam_result");
    McpSchema.Tool counter = tools.get(0);
    assertThat(counter.description()).startsWith("Counts to 100 with the engine's built-in set node only");
    assertThat(Json.write(counter.inputSchema())).contains("\"attempts\":{\"type\":\"integer\",\"default\":0}")
        .contains("\"log\":{\"type\":\"array\"}");
    assertThat(counter.inputSchema()).containsEntry("additionalProperties", false);
  }

  @Test
  void aToolCallRunsTheWorkflowAsAThreadWithProgressPerStep() throws InterruptedException {
    CallToolResult r = client.callTool(CallToolRequest.builder("counter").arguments(Map.of("attempts", 90)).progressToken("tok-1").build());
    assertThat(r.isError()).as(text(r)).isFalse();
    Map<String, Object> m = structured(r);
    assertThat(m).containsEntry("status", "done").containsEntry("workflow", "counter");
    assertThat(((Map<?, ?>) m.get("state")).get("attempts")).isEqualTo(100);
    assertThat(Json.readMap(text(r))).isEqualTo(Json.readMap(Json.write(m))); // the text fallback holds the same JSON
    String thread = (String) m.get("thread_id");
    // one notification per committed step (the client may hand them over out of order, and after the result)
    long steps = ((Number) m.get("steps")).longValue();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // generous: a loaded machine is slow
    while (progress.size() < steps && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("tok-1"));
    assertThat(progress).extracting(p -> p.progress().longValue())
        .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, steps).boxed().toList());
    assertThat(progress).extracting(McpSchema.ProgressNotification::message).contains("counter: step 1 committed; next: tool",
        "counter: step " + steps + " committed; next: END");

    // a normal thread of the store: lam runs and lam state see it
    Lam.Result runs = Lam.run(dir, "runs", "--store", store);
    assertThat(runs.out()).contains(thread).contains("done");
    assertThat(structured(client.callTool(new CallToolRequest("lam_status", Map.of("thread_id", thread)))))
        .containsEntry("status", "done").containsEntry("workflow", "counter");
    Map<String, Object> result = structured(client.callTool(new CallToolRequest("lam_result", Map.of("thread_id", thread))));
    assertThat(((Map<?, ?>) result.get("state")).get("attempts")).isEqualTo(100);
  }

  @Test
  void aPausedRunReturnsItsQuestionAndLamResumeAnswersIt() {
    Map<String, Object> paused = structured(client.callTool(new CallToolRequest("human", Map.of())));
    assertThat(paused).containsEntry("status", "paused").containsEntry("node", "approve")
        .containsEntry("question", "Carry out [\"search\",\"summarize\"]?");
    assertThat(Json.write(paused.get("answer_schema"))).contains("\"required\":[\"approved\"]");
    String thread = (String) paused.get("thread_id");

    CallToolResult refused = client.callTool(new CallToolRequest("lam_resume", Map.of("thread_id", thread, "answer", Map.of("approved", "yes"))));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).doesNotContain("\n").doesNotContain("Exception").contains("still paused");
    assertThat(structured(client.callTool(new CallToolRequest("lam_status", Map.of("thread_id", thread)))))
        .containsEntry("status", "paused").containsEntry("question", "Carry out [\"search\",\"summarize\"]?");

    Map<String, Object> done = structured(client.callTool(new CallToolRequest("lam_resume",
        Map.of("thread_id", thread, "answer", Map.of("approved", true, "comment", "go")))));
    assertThat(done).containsEntry("status", "done").containsEntry("thread_id", thread);
    assertThat(((Map<?, ?>) done.get("state")).get("log")).isEqualTo(List.of("acted"));
    assertThat(Lam.run(dir, "state", thread, "--store", store).out()).contains("\"acted\"");
  }

  @Test
  void resourcesHoldWorkflowsDiagramsAndThreads() {
    assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri).containsExactlyInAnyOrder(
        "lam://workflows/counter.yaml", "lam://workflows/counter.mmd", "lam://workflows/human.yaml", "lam://workflows/human.mmd");
    assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
        .containsExactlyInAnyOrder("lam://threads/{id}/state", "lam://threads/{id}/trace");
    assertThat(read("lam://workflows/human.yaml")).startsWith("name: human\n").contains("type: human");
    assertThat(read("lam://workflows/human.mmd")).startsWith("---\ntitle: human\n---\nflowchart").contains("approve");

    String thread = (String) structured(client.callTool(new CallToolRequest("human", Map.of()))).get("thread_id");
    Map<String, Object> state = Json.readMap(read("lam://threads/" + thread + "/state"));
    assertThat(state).containsEntry("status", "paused").containsEntry("thread_id", thread);
    assertThat(((Map<?, ?>) state.get("state")).get("plan")).isEqualTo(List.of("search", "summarize"));
    List<String> trace = read("lam://threads/" + thread + "/trace").lines().toList();
    assertThat(trace).isNotEmpty().allSatisfy(line -> assertThat(Json.readMap(line)).containsEntry("thread", thread));
    assertThat(trace).anySatisfy(line -> assertThat(line).contains("\"kind\":\"run_paused\"").contains("\"node\":\"approve\""));
    assertThatThrownBy(() -> read("lam://threads/no-such-thread/state")).isInstanceOf(McpError.class)
        .hasMessageContaining("not found");
  }

  @Test
  void badCallsAreOneLineErrorResultsNeverStackTraces() {
    assertThatThrownBy(() -> client.callTool(new CallToolRequest("no_such_tool", Map.of()))).isInstanceOf(McpError.class)
        .hasMessageContaining("Unknown tool");
    CallToolResult wrongType = client.callTool(new CallToolRequest("counter", Map.of("attempts", "many")));
    assertThat(wrongType.isError()).isTrue();
    assertThat(text(wrongType)).isEqualTo("input 'attempts' is string, but channel 'attempts' expects integer; nothing was run");
    CallToolResult unknown = client.callTool(new CallToolRequest("counter", Map.of("atempts", 3)));
    assertThat(text(unknown)).startsWith("input 'atempts' is not a channel of workflow 'counter'").contains("did you mean 'attempts'?");
    CallToolResult noThread = client.callTool(new CallToolRequest("lam_resume", Map.of("thread_id", "nope")));
    assertThat(noThread.isError()).isTrue();
    assertThat(text(noThread)).startsWith("no thread 'nope' in sqlite:");
    CallToolResult noId = client.callTool(new CallToolRequest("lam_status", Map.of()));
    assertThat(text(noId)).startsWith("missing argument thread_id");
    assertThat(stderr.toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private String read(String uri) {
    return ((TextResourceContents) client.readResource(new ReadResourceRequest(uri)).contents().get(0)).text();
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> structured(CallToolResult r) {
    assertThat(r.structuredContent()).as(text(r)).isInstanceOf(Map.class);
    return (Map<String, Object>) r.structuredContent();
  }
}
