package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lam mcp DIR` as a process (files looked at every 100 ms), driven by the official MCP Java SDK's
 * stdio client: {@code notifications/tools/list_changed} when a file appears, is edited or goes; a
 * broken edit keeps the last good tool.
 */
class McpLiveStdioIT {
  @TempDir Path dir;

  static String flow(String key) {
    return "name: greet\ndescription: Greets by " + key + ".\nstate:\n  out: { type: string, default: \"\" }\nnodes:\n"
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
  void theToolListFollowsTheFolder() throws Exception {
    Path flows = McpServers.workflows(dir);
    List<String> argv = McpServers.command(flows.toString(), "--store", "sqlite:" + dir.resolve("lam.db"), "--watch-interval-ms", "100");
    StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(argv.get(0))
        .args(argv.subList(1, argv.size())).build(), new JacksonMcpJsonMapper(new ObjectMapper()));
    StringBuffer stderr = new StringBuffer();
    transport.setStdErrorHandler(stderr::append);
    LinkedBlockingQueue<List<McpSchema.Tool>> changes = new LinkedBlockingQueue<>();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60)).toolsChangeConsumer(changes::add).build();
    try {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.capabilities().tools().listChanged()).isTrue();
      assertThat(names(client.listTools().tools())).containsExactly("counter", "human", "lam_resume", "lam_status", "lam_result");

      write(flows.resolve("greet.yaml"), flow("who"));
      await(changes, t -> names(t).contains("greet"), stderr);
      assertThat(out(client.callTool(new CallToolRequest("greet", Map.of("who", "ann"))))).isEqualTo("hi ann");

      write(flows.resolve("greet.yaml"), flow("name"));
      await(changes, t -> properties(t).contains("name"), stderr);
      assertThat(properties(client.listTools().tools())).contains("name").doesNotContain("who");

      write(flows.resolve("greet.yaml"), flow("name").replace("type: set,", "type: set"));
      long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!stderr.toString().contains("keeps its last good version") && System.nanoTime() < end) Thread.sleep(20);
      assertThat(stderr.toString()).contains("greet.yaml has").contains("tool greet keeps its last good version");
      assertThat(properties(client.listTools().tools())).contains("name");
      assertThat(out(client.callTool(new CallToolRequest("greet", Map.of("name", "bo"))))).isEqualTo("hi bo");

      Files.delete(flows.resolve("greet.yaml"));
      await(changes, t -> !names(t).contains("greet"), stderr);
      assertThat(names(client.listTools().tools())).containsExactlyInAnyOrder("counter", "human", "lam_resume", "lam_status", "lam_result");
    } finally {
      client.closeGracefully();
    }
  }

  static List<String> names(List<McpSchema.Tool> tools) {
    return tools.stream().map(McpSchema.Tool::name).toList();
  }

  /** The input properties of tool greet (none when it is not served). */
  static Set<String> properties(List<McpSchema.Tool> tools) {
    return tools.stream().filter(t -> t.name().equals("greet")).findFirst()
        .map(t -> ((Map<?, ?>) t.inputSchema().get("properties")).keySet().stream().map(String::valueOf).collect(Collectors.toSet()))
        .orElse(Set.of());
  }

  static Object out(CallToolResult r) {
    assertThat(r.isError()).as(String.valueOf(r.content())).isNotEqualTo(Boolean.TRUE);
    return ((Map<?, ?>) ((Map<?, ?>) r.structuredContent()).get("state")).get("out");
  }

  static void await(LinkedBlockingQueue<List<McpSchema.Tool>> changes, Predicate<List<McpSchema.Tool>> test, StringBuffer stderr)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < end) {
      List<McpSchema.Tool> t = changes.poll(100, TimeUnit.MILLISECONDS);
      if (t != null && test.test(t)) return;
    }
    throw new AssertionError("no tools/list_changed brought the expected tool list; stderr: " + stderr);
  }
}
