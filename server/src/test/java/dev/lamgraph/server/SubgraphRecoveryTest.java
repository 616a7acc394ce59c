package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run streaming with {@code stream_subgraphs} whose server stopped mid-way: the next server on the
 * same SQLite file recovers it with its stream modes and flag (kept in the store) and a rejoin from
 * the start gets the committed steps again with their subgraphs' steps from the store, in the order
 * a live stream has them, then the rest live.
 */
@SuppressWarnings("unchecked")
class SubgraphRecoveryTest {
  @TempDir Path dir;

  private TestServer server() {
    return new TestServer(dir, ServerOptions.defaults(), "sqlite:" + dir.resolve("lam.db"), Map.of());
  }

  @Test
  void aRejoinAfterARestartGetsEachSubgraphsStepsInPlace() throws Exception {
    SubgraphFixtures.write(dir);
    Files.writeString(dir.resolve("looper.yaml"), """
        name: looper
        state: { n: { type: integer, default: 0 }, log: { type: list, reducer: append }, report: { type: string } }
        nodes:
          research:
            type: subgraph
            workflow: sub/research.yaml
            input: { question: "'round ' + string(state.n)" }
            output: { report: "state.summary" }
          tick: { type: set, set: { n: "state.n + 1" } }
          wait: { type: sleep, ms: 150, out: { } }
        edges:
          - { from: START, to: research }
          - { from: research, to: tick }
          - { from: tick, to: wait }
          - from: wait
            when: [ { if: "state.n < 6", to: research } ]
            else: END
        """);
    String t;
    String runId;
    try (TestServer a = server()) {
      t = (String) a.post("/threads", Map.of()).map().get("thread_id");
      runId = (String) a.post("/threads/" + t + "/runs", Map.of("assistant_id", "looper", "stream_subgraphs", true,
          "stream_mode", List.of("tasks", "updates"))).map().get("run_id");
      long until = System.currentTimeMillis() + 20_000;
      while (((Number) ((Map<String, Object>) a.get("/threads/" + t + "/state").map().get("values")).getOrDefault("n", 0)).intValue() < 2) {
        assertThat(System.currentTimeMillis()).isLessThan(until);
        Thread.sleep(30);
      }
    }
    try (TestServer b = server()) {
      List<TestServer.Sse> events = b.sse("GET", "/threads/" + t + "/runs/" + runId + "/stream", null, Map.of("Last-Event-ID", "0.1"), 10_000);
      assertThat(events.get(events.size() - 1).event()).isEqualTo("end");
      // per round: the research task starts, its child's steps under its namespace, then its updates and result
      List<String> rounds = new ArrayList<>();
      String ns = null;
      for (TestServer.Sse e : events) {
        Map<String, Object> d = e.json() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if (e.event().equals("tasks") && "research".equals(d.get("name")) && d.containsKey("input")) {
          ns = "research:" + d.get("id");
          rounds.add("start");
        } else if (ns != null && e.event().equals("updates|" + ns)) {
          rounds.add(String.valueOf(d.keySet().iterator().next()));
        } else if (e.event().equals("updates") && d.containsKey("research")) {
          rounds.add("report " + ((Map<String, Object>) d.get("research")).get("report"));
        }
      }
      List<String> expected = new ArrayList<>();
      for (int n = 0; n < 6; n++) expected.addAll(List.of("start", "search", "summarize", "report about round " + n));
      assertThat(rounds).containsExactlyElementsOf(expected);
      assertThat(events).noneMatch(e -> e.event().startsWith("values"));
    }
  }
}
