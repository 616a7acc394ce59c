package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lam serve's /mcp follows the {@link dev.lamgraph.server.workflows.WorkflowRegistry} (50 ms polls
 * here): the MCP Java SDK's Streamable HTTP client gets {@code notifications/tools/list_changed}
 * when a file is added, edited or removed; a broken edit keeps the last good tool.
 */
class McpLiveRoutesTest {
  @TempDir Path dir;

  static String flow(String key) {
    return "name: greet\nstate:\n  out: { type: string, default: \"\" }\nnodes:\n"
        + "  say: { type: set, set: { out: \"'hi ' + input." + key + "\" } }\n"
        + "edges:\n  - { from: START, to: say }\n  - { from: say, to: END }\n";
  }

  static void write(Path f, String text) throws Exception {
    // as an editor saves: a whole new file moved over the old one (a poll never sees it half written), later mtime
    long before = Files.exists(f) ? Files.getLastModifiedTime(f).toMillis() : 0;
    Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.fromMillis(Math.max(before + 2000, System.currentTimeMillis())));
    Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }


  @Test
  void toolsFollowTheServedFiles() throws Exception {
    Files.copy(Path.of("src/test/resources/serve/counter.yaml"), dir.resolve("counter.yaml"));
    LinkedBlockingQueue<List<McpSchema.Tool>> changes = new LinkedBlockingQueue<>();
    try (TestServer s = TestServer.start(dir)) {
      McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder(s.server.url()).endpoint("/mcp")
          .openConnectionOnStartup(true).build()).requestTimeout(Duration.ofSeconds(60)).toolsChangeConsumer(changes::add).build();
      c.initialize();
      try {
        assertThat(names(c.listTools().tools())).doesNotContain("greet");
        s.registry.watch(Duration.ofMillis(50));

        write(dir.resolve("greet.yaml"), flow("who"));
        await(changes, t -> names(t).contains("greet"));
        assertThat(out(c.callTool(new CallToolRequest("greet", Map.of("who", "ann"))))).isEqualTo("hi ann");

        write(dir.resolve("greet.yaml"), flow("name"));
        await(changes, t -> names(t).contains("greet") && properties(t).contains("name"));
        assertThat(properties(c.listTools().tools())).contains("name").doesNotContain("who");

        write(dir.resolve("greet.yaml"), flow("name").replace("type: set,", "type: set"));
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (s.registry.get("greet").orElseThrow().current() && System.nanoTime() < end) Thread.sleep(20);
        assertThat(s.registry.get("greet").orElseThrow().current()).as("the registry saw the broken edit").isFalse();
        assertThat(properties(c.listTools().tools())).contains("name");
        assertThat(out(c.callTool(new CallToolRequest("greet", Map.of("name", "bo"))))).isEqualTo("hi bo");

        Files.delete(dir.resolve("greet.yaml"));
        await(changes, t -> !names(t).contains("greet"));
        assertThat(names(c.listTools().tools())).contains("counter").doesNotContain("greet");
      } finally {
        c.closeGracefully();
      }
    }
  }

  @Test
  void aServerStopsWhileAClientStillListens() throws Exception {
    Files.copy(Path.of("src/test/resources/serve/counter.yaml"), dir.resolve("counter.yaml"));
    TestServer s = TestServer.start(dir);
    McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder(s.server.url()).endpoint("/mcp")
        .openConnectionOnStartup(true).build()).requestTimeout(Duration.ofSeconds(60)).build();
    c.initialize();
    assertThat(names(c.listTools().tools())).contains("counter");
    // the handler holding the client's GET stream lets go: no hang (a guard, not a timing)
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), s::close);
    c.close();
  }

  static List<String> names(List<McpSchema.Tool> tools) {
    return tools.stream().map(McpSchema.Tool::name).toList();
  }

  /** The input properties of tool greet. */
  static java.util.Set<String> properties(List<McpSchema.Tool> tools) {
    return tools.stream().filter(t -> t.name().equals("greet")).findFirst()
        .map(t -> ((Map<?, ?>) t.inputSchema().get("properties")).keySet().stream().map(String::valueOf)
            .collect(java.util.stream.Collectors.toSet())).orElse(java.util.Set.of());
  }

  static Object out(CallToolResult r) {
    assertThat(r.isError()).as(String.valueOf(r.content())).isNotEqualTo(Boolean.TRUE);
    return ((Map<?, ?>) ((Map<?, ?>) r.structuredContent()).get("state")).get("out");
  }

  static void await(LinkedBlockingQueue<List<McpSchema.Tool>> changes, Predicate<List<McpSchema.Tool>> test) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // generous: a loaded machine is slow
    while (System.nanoTime() < end) {
      List<McpSchema.Tool> t = changes.poll(100, TimeUnit.MILLISECONDS);
      if (t != null && test.test(t)) return;
    }
    throw new AssertionError("no tools/list_changed brought the expected tool list");
  }
}
