package dev.lamgraph.nodes.toolnode;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.ToolFixtures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** End to end: tools: + type: tool nodes run through Runs on a MemoryStore, with a secret that must not be stored. */
class ToolWorkflowTest {
  static final Path DIR = Path.of("src/test/resources/workflows").toAbsolutePath();
  static final String SECRET = "e2e-secret-token-5d1c8a";

  @Test
  void planStepsRunFailuresAreObservationsAndTheSecretIsNeverStored() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/status/", x -> {
      byte[] b = ("{\"build\":\"green\",\"seen_auth\":\"" + x.getRequestHeaders().getFirst("Authorization") + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(200, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.start();
    String text = Files.readString(DIR.resolve("tools-e2e.yaml")).replace("@PORT@", String.valueOf(server.getAddress().getPort()));
    MemoryStore store = new MemoryStore();
    RunResult r;
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(logs, true, StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(logs, true, StandardCharsets.UTF_8));
    try (CompiledGraph g = ToolFixtures.compiler(Map.of("STATUS_TOKEN", SECRET)).compileText("tools-e2e.yaml", text, DIR);
        Runs runs = new Runs(store, RunOptions.defaults())) {
      r = runs.start(g, "e2e", Map.of());
    } finally {
      System.setOut(out);
      System.setErr(err);
      server.stop(0);
    }
    assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
    assertThat(r.status()).as(String.valueOf(r.detail())).isEqualTo(RunStatus.DONE);
    assertThat(r.state().get("note")).isEqualTo("buy milk");
    List<?> obs = (List<?>) r.state().get("observations");
    assertThat(obs).extracting(o -> ((Map<?, ?>) o).get("tool") + ":" + ((Map<?, ?>) o).get("ok") + ":" + ((Map<?, ?>) o).get("error_kind"))
        .containsExactly("notes:true:null", "shout:true:null", "status:true:null", "slow:false:timeout", "notes:false:refused");
    assertThat(((Map<?, ?>) ((Map<?, ?>) obs.get(1)).get("value")).get("stdout")).isEqualTo("buy milk; $(touch pwned)\n");
    assertThat(DIR.resolve("files/pwned")).doesNotExist();
    assertThat(r.state().get("failures")).isEqualTo(2L);
    assertThat(r.state().get("cursor")).isEqualTo(4L);
    Map<?, ?> report = (Map<?, ?>) r.state().get("report"); // the tool's gives key, filled from its value
    assertThat(((Map<?, ?>) report.get("body")).get("build")).isEqualTo("green");
    assertThat(((Map<?, ?>) report.get("body")).get("seen_auth")).isEqualTo("Bearer " + SECRET); // in memory only

    List<TraceEvent> events = store.events("e2e");
    assertThat(events).filteredOn(e -> e.kind().equals("tool_call")).extracting(e -> e.data().get("tool"))
        .containsExactly("notes", "shout", "status", "slow", "notes");
    StringBuilder stored = new StringBuilder();
    events.forEach(e -> stored.append(Json.write(e.data())).append('\n'));
    for (Checkpoint c : store.checkpoints("e2e", 0, Long.MAX_VALUE)) {
      stored.append(c.writesJson()).append('\n').append(c.snapshotJson()).append('\n');
    }
    store.thread("e2e").ifPresent(t -> stored.append(t.inputJson()).append(t.detailJson()).append(t.source()));
    assertThat(stored.toString()).doesNotContain(SECRET).contains("Bearer ***");
  }
}
