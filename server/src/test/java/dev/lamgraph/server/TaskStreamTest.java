package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tasks} stream mode, in the shapes and order the LangGraph JS server sends (compared on
 * an equivalent graph): a task start {@code {id, name, input, triggers, interrupts}} when a node
 * starts, a task result {@code {id, name, result, interrupts, error}} after its step's updates; a
 * pause ends its task with the interrupt, a failure with {@code error {message, name}}; the ids are
 * the {@code debug} mode's and the state's task ids.
 */
@SuppressWarnings("unchecked")
class TaskStreamTest {
  @TempDir Path dir;

  /** The tasks events of a stream as "start NAME" / "result NAME" lines, and their payloads. */
  static List<String> tasks(List<TestServer.Sse> events) {
    return events.stream().filter(e -> e.event().equals("tasks"))
        .map(e -> (((Map<String, Object>) e.json()).containsKey("input") ? "start " : "result ") + ((Map<String, Object>) e.json()).get("name"))
        .toList();
  }

  static List<Map<String, Object>> payloads(List<TestServer.Sse> events, String event) {
    return events.stream().filter(e -> e.event().equals(event)).map(e -> (Map<String, Object>) e.json()).toList();
  }

  @Test
  void aPauseAndItsResumeStreamTaskStartsAndResultsWithTheDebugAndStateIds() {
    try (TestServer s = TestServer.fixtures(dir)) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      List<TestServer.Sse> first = s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", "human-approval",
          "stream_mode", List.of("tasks", "updates", "debug"), "metadata", Map.of("who", "me")), Map.of(), 1000);
      assertThat(tasks(first)).containsExactly("start draft", "result draft", "start approve", "result approve");
      List<String> order = first.stream().map(TestServer.Sse::event).filter(e -> !e.equals("debug")).toList();
      assertThat(order).containsExactly("metadata", "tasks", "updates", "tasks", "tasks", "updates", "tasks", "end");
      List<Map<String, Object>> ts = payloads(first, "tasks");
      Map<String, Object> draft = ts.get(0);
      assertThat(draft.keySet()).containsExactly("id", "name", "input", "triggers", "interrupts", "metadata");
      assertThat(draft).containsEntry("input", Map.of("log", List.of())).containsEntry("triggers", List.of("branch:to:draft"))
          .containsEntry("interrupts", List.of());
      assertThat((Map<String, Object>) draft.get("metadata")).containsEntry("who", "me").containsEntry("graph_id", "human-approval")
          .containsEntry("assistant_id", s.get("/assistants/human-approval").map().get("assistant_id"))
          .containsEntry("run_id", ((Map<String, Object>) first.get(0).json()).get("run_id"));
      assertThat(ts.get(1).keySet()).containsExactly("id", "name", "result", "interrupts", "error");
      assertThat(ts.get(1)).containsEntry("id", draft.get("id"))
          .containsEntry("result", Map.of("plan", List.of("search", "summarize"), "log", List.of("drafted")))
          .containsEntry("error", null);
      Map<String, Object> approve = ts.get(3);
      assertThat(approve).containsEntry("id", ts.get(2).get("id")).containsEntry("result", Map.of()).containsEntry("error", null);
      Map<String, Object> interrupt = ((List<Map<String, Object>>) approve.get("interrupts")).get(0);
      assertThat((Map<String, Object>) interrupt.get("value")).containsEntry("node", "approve").containsEntry("when", "node");

      // debug: a task event per start and a task_result per end, with the same ids and payloads
      List<Map<String, Object>> debug = payloads(first, "debug");
      assertThat(debug.stream().filter(d -> d.get("type").equals("task")).map(d -> d.get("payload")))
          .containsExactly(ts.get(0), ts.get(2));
      assertThat(debug.stream().filter(d -> d.get("type").equals("task_result")).map(d -> d.get("payload")))
          .containsExactly(ts.get(1), ts.get(3));
      // the state's task for the paused node has the same id
      List<Map<String, Object>> stateTasks = (List<Map<String, Object>>) s.get("/threads/" + t + "/state").map().get("tasks");
      assertThat(stateTasks).singleElement().satisfies(x -> assertThat(x).containsEntry("id", approve.get("id")));

      List<TestServer.Sse> resumed = s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", "human-approval",
          "command", Map.of("resume", Map.of("approved", true)), "stream_mode", List.of("tasks")), Map.of(), 1000);
      assertThat(tasks(resumed)).containsExactly("start approve", "result approve", "start act", "result act");
      List<Map<String, Object>> rs = payloads(resumed, "tasks");
      assertThat(rs.get(0)).containsEntry("id", approve.get("id"));
      assertThat(rs.get(1)).containsEntry("id", approve.get("id")).containsEntry("result", Map.of("approval", Map.of("approved", true)));
      assertThat((Map<String, Object>) rs.get(2).get("input")).containsEntry("approval", Map.of("approved", true));
    }
  }

  @Test
  void aFailedNodeEndsItsTaskWithTheErrorBeforeTheErrorEvent() throws Exception {
    Files.writeString(dir.resolve("broken.yaml"), """
        name: broken
        state: { zero: { type: integer, default: 0 }, out: { type: integer, default: 0 } }
        nodes:
          divide: { type: set, set: { out: "10 / state.zero" } }
        edges: [ { from: START, to: divide }, { from: divide, to: END } ]
        """);
    try (TestServer s = TestServer.start(dir)) {
      List<TestServer.Sse> events = s.sse("POST", "/runs/stream", Map.of("assistant_id", "broken", "stream_mode", List.of("tasks")),
          Map.of(), 1000);
      assertThat(events.stream().map(TestServer.Sse::event)).containsExactly("metadata", "tasks", "tasks", "error", "end");
      Map<String, Object> error = (Map<String, Object>) events.get(3).json();
      Map<String, Object> result = (Map<String, Object>) events.get(2).json();
      assertThat(result).containsEntry("id", ((Map<String, Object>) events.get(1).json()).get("id")).containsEntry("name", "divide")
          .containsEntry("result", Map.of()).containsEntry("interrupts", List.of())
          .containsEntry("error", Map.of("message", error.get("message"), "name", error.get("error")));
      assertThat((String) error.get("message")).isNotBlank();
    }
  }

  @Test
  void aRunWithoutTheModeSendsNoTaskEventsAndAJoinGetsTheLoggedOnes() {
    try (TestServer s = TestServer.fixtures(dir)) {
      List<TestServer.Sse> plain = s.sse("POST", "/runs/stream", Map.of("assistant_id", "human-approval",
          "stream_mode", List.of("updates", "debug")), Map.of(), 1000);
      assertThat(plain).noneMatch(e -> e.event().equals("tasks"));
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> run = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "human-approval", "stream_mode", "tasks")).map();
      List<TestServer.Sse> joined = s.sse("GET", "/threads/" + t + "/runs/" + run.get("run_id") + "/stream", null, Map.of(), 1000);
      assertThat(tasks(joined)).containsExactly("start draft", "result draft", "start approve", "result approve");
    }
  }
}
