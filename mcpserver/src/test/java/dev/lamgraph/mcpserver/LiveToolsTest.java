package dev.lamgraph.mcpserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool list follows the files: {@link WorkflowWatch} (50 ms polls) feeding {@link McpHttp#update},
 * seen by the Java SDK's Streamable HTTP client through {@code notifications/tools/list_changed}.
 */
class LiveToolsTest {
  /** A workflow {@code name} whose one node sets {@code out} to {@code prefix + input.key}. */
  static String flow(String name, String key, String prefix) {
    return "name: " + name + "\ndescription: Greets by " + key + ".\nstate:\n  out: { type: string, default: \"\" }\nnodes:\n"
        + "  say: { type: set, set: { out: \"'" + prefix + "' + input." + key + "\" } }\n"
        + "edges:\n  - { from: START, to: say }\n  - { from: say, to: END }\n";
  }

  /** Writes {@code text} to {@code f} with a later modification time than it had (a poll sees even a same-size edit). */
  static void write(Path f, String text) throws Exception {
    // as an editor saves: a whole new file moved over the old one (a poll never sees it half written), later mtime
    long before = Files.exists(f) ? Files.getLastModifiedTime(f).toMillis() : 0;
    Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.fromMillis(Math.max(before + 2000, System.currentTimeMillis())));
    Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }


  static List<String> names(List<McpSchema.Tool> tools) {
    return tools.stream().map(McpSchema.Tool::name).toList();
  }

  @Test
  void toolsFollowAddedEditedBrokenAndRemovedFilesOverHttp(@TempDir Path dir) throws Exception {
    Files.copy(McpHttpTest.FLOWS.resolve("counter.yaml"), dir.resolve("counter.yaml"), StandardCopyOption.REPLACE_EXISTING);
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    LinkedBlockingQueue<List<McpSchema.Tool>> changes = new LinkedBlockingQueue<>();
    try (JettyMcp server = new JettyMcp(dir, Map.of());
        WorkflowWatch watch = new WorkflowWatch(List.of(dir), Compiler.withDefaults(Map.of(), server.settings.redactor()),
            WorkflowSet.load(List.of(dir), Compiler.withDefaults()), Duration.ofMillis(50), server.mcp::update, log::add)) {
      McpSyncClient client = server.client(changes::add);
      try {
        assertThat(names(client.listTools().tools())).containsExactly("counter", "lam_resume", "lam_status", "lam_result");
        watch.start();

        write(dir.resolve("greet.yaml"), flow("greet", "who", "hi "));
        assertThat(names(awaitTools(changes, t -> names(t).contains("greet")))).contains("counter", "greet");
        assertThat(out(client.callTool(new CallToolRequest("greet", Map.of("who", "ann"))))).isEqualTo("hi ann");
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri).contains("lam://workflows/greet.yaml");

        write(dir.resolve("greet.yaml"), flow("greet", "name", "hi "));
        McpSchema.Tool renamed = tool(awaitTools(changes, t -> properties(tool(t, "greet")).contains("name")), "greet");
        assertThat(properties(renamed)).contains("name").doesNotContain("who");
        assertThat(out(client.callTool(new CallToolRequest("greet", Map.of("name", "bo"))))).isEqualTo("hi bo");

        write(dir.resolve("greet.yaml"), flow("greet", "name", "hi ").replace("type: set,", "type: set"));
        waitFor(() -> log.stream().anyMatch(l -> l.contains("greet.yaml has") && l.contains("keeps its last good version")));
        assertThat(properties(tool(client.listTools().tools(), "greet"))).contains("name");
        assertThat(out(client.callTool(new CallToolRequest("greet", Map.of("name", "cy"))))).isEqualTo("hi cy");

        Files.delete(dir.resolve("greet.yaml"));
        assertThat(names(awaitTools(changes, t -> !names(t).contains("greet")))).contains("counter");
        assertThat(names(client.listTools().tools())).doesNotContain("greet");
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri).doesNotContain("lam://workflows/greet.yaml");
        assertThat(client.callTool(new CallToolRequest("counter", Map.of())).isError()).isFalse();
      } finally {
        client.closeGracefully();
      }
    }
  }

  @Test
  void aNewFileThatDoesNotCompileIsNotServedUntilItDoes(@TempDir Path dir) throws Exception {
    Files.copy(McpHttpTest.FLOWS.resolve("counter.yaml"), dir.resolve("counter.yaml"));
    List<String> log = new ArrayList<>();
    List<WorkflowSet> sets = new ArrayList<>();
    WorkflowWatch watch = new WorkflowWatch(List.of(dir), Compiler.withDefaults(), WorkflowSet.load(List.of(dir), Compiler.withDefaults()),
        Duration.ofMillis(50), sets::add, log::add);
    write(dir.resolve("later.yaml"), flow("later", "who", "").replace("type: set,", "type: set"));
    assertThat(watch.scan()).isFalse();
    assertThat(log).singleElement().asString().contains("later.yaml has").contains("not served until it compiles");
    assertThat(watch.scan()).isFalse(); // reported once
    assertThat(log).hasSize(1);
    write(dir.resolve("later.yaml"), flow("later", "who", ""));
    assertThat(watch.scan()).isTrue();
    assertThat(sets.get(0).entries()).extracting(WorkflowSet.Entry::tool).containsExactly("counter", "later");
  }

  static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no tool " + name + " in " + names(tools)));
  }

  static java.util.Set<String> properties(McpSchema.Tool t) {
    Object p = t.inputSchema().get("properties");
    return p instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()) : java.util.Set.of();
  }

  static Object out(CallToolResult r) {
    assertThat(r.isError()).as(String.valueOf(r.content())).isNotEqualTo(Boolean.TRUE);
    return ((Map<?, ?>) ((Map<?, ?>) r.structuredContent()).get("state")).get("out");
  }

  /** The first tool list a change notification brought that satisfies {@code test} (2 min at most). */
  static List<McpSchema.Tool> awaitTools(LinkedBlockingQueue<List<McpSchema.Tool>> changes,
      java.util.function.Predicate<List<McpSchema.Tool>> test) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < end) {
      List<McpSchema.Tool> t = changes.poll(100, TimeUnit.MILLISECONDS);
      if (t != null && safe(test, t)) return t;
    }
    throw new AssertionError("no tools/list_changed brought the expected tool list");
  }

  private static boolean safe(java.util.function.Predicate<List<McpSchema.Tool>> test, List<McpSchema.Tool> t) {
    try {
      return test.test(t);
    } catch (AssertionError e) {
      return false;
    }
  }

  static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out");
      Thread.sleep(20);
    }
  }
}
