package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lamgraph's {@code tasks} and {@code stream_subgraphs} streams against what the LangGraph JS server
 * sent for the same graphs (src/test/resources/langgraph-reference: graph.mjs and its captures,
 * tasks-and-subgraphs.txt): the same events in the same order (names, with a namespace shown as
 * NS), the same task payload keys in the same order. Values and ids are lamgraph's own.
 */
@SuppressWarnings("unchecked")
class ReferenceShapesTest {
  static final Path REF = Path.of("src/test/resources/langgraph-reference/tasks-and-subgraphs.txt");

  @TempDir Path dir;

  /** The reference's sections (after "## title" lines), in order, as event lists: {event, data}. */
  static Map<String, List<Map.Entry<String, Object>>> reference() throws IOException {
    Map<String, List<Map.Entry<String, Object>>> out = new LinkedHashMap<>();
    List<Map.Entry<String, Object>> cur = null;
    for (String line : Files.readAllLines(REF)) {
      if (line.startsWith("## ")) out.put(line.substring(3), cur = new ArrayList<>());
      else if (cur != null && !line.startsWith("#") && line.contains(" {")) {
        String event = line.substring(0, line.indexOf(' '));
        cur.add(Map.entry(event, Json.read(line.substring(line.indexOf('{')))));
      }
    }
    return out;
  }

  /** An event as "EVENT[|NS] NAME start|result|..." with its payload's keys, comparable across servers. */
  static String shape(String event, Object data) {
    String e = event.contains("|") ? event.substring(0, event.indexOf('|')) + "|NS" : event;
    if (!(data instanceof Map<?, ?> m)) return e;
    if (e.startsWith("tasks")) {
      return e + " " + m.get("name") + " " + m.keySet().stream().map(String::valueOf).toList();
    }
    if (e.startsWith("updates")) return e + " " + m.keySet().iterator().next();
    return e;
  }

  static List<String> shapes(List<Map.Entry<String, Object>> events) {
    return events.stream().filter(x -> !x.getKey().equals("metadata")).map(x -> shape(x.getKey(), x.getValue())).toList();
  }

  static List<String> shapesOf(List<TestServer.Sse> events) {
    return events.stream().filter(x -> !x.event().equals("metadata") && !x.event().equals("end"))
        .map(x -> shape(x.event(), x.json())).toList();
  }

  private TestServer server() throws IOException {
    SubgraphFixtures.write(dir);
    Files.writeString(dir.resolve("counter.yaml"), """
        name: counter
        state: { attempts: { type: integer, default: 0 }, log: { type: list, reducer: append } }
        nodes:
          plan: { type: set, set: { log: "['plan']" } }
          tool: { type: set, set: { attempts: "state.attempts + 1", log: "[state.attempts + 1]" } }
          approve:
            type: human
            prompt: "ok?"
            schema: { type: object, properties: { yes: { type: boolean } } }
            output: answer
        edges: [ { from: START, to: plan }, { from: plan, to: tool }, { from: tool, to: approve }, { from: approve, to: END } ]
        """.replace("log: { type: list, reducer: append } }", "log: { type: list, reducer: append }, answer: { type: object } }"));
    Files.writeString(dir.resolve("fails.yaml"), """
        name: fails
        state: { zero: { type: integer, default: 0 }, log: { type: list, reducer: append } }
        nodes:
          plan: { type: set, set: { log: "['plan']" } }
          boom: { type: set, set: { log: "[10 / state.zero]" } }
        edges: [ { from: START, to: plan }, { from: plan, to: boom }, { from: boom, to: END } ]
        """);
    return TestServer.start(dir);
  }

  @Test
  void tasksAndSubgraphEventsMatchTheLangGraphServersInOrderAndShape() throws Exception {
    Map<String, List<Map.Entry<String, Object>>> sections = reference();
    Map<String, List<Map.Entry<String, Object>>> ref = new LinkedHashMap<>();
    sections.forEach((title, events) -> ref.putIfAbsent(title.split(":")[0], events)); // the first of each graph
    List<List<Map.Entry<String, Object>>> all = new ArrayList<>(sections.values());
    try (TestServer s = server()) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      List<TestServer.Sse> paused = s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", "counter",
          "stream_mode", List.of("tasks", "updates")), Map.of(), 1000);
      assertThat(shapesOf(paused)).containsExactlyElementsOf(shapes(ref.get("counter")));
      List<TestServer.Sse> resumed = s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", "counter",
          "command", Map.of("resume", Map.of("yes", true)), "stream_mode", List.of("tasks")), Map.of(), 1000);
      List<String> refResume = shapes(all.get(1));
      assertThat(shapesOf(resumed)).containsExactlyElementsOf(refResume);

      List<TestServer.Sse> failed = s.sse("POST", "/runs/stream", Map.of("assistant_id", "fails", "stream_mode", List.of("tasks")),
          Map.of(), 1000);
      assertThat(shapesOf(failed)).containsExactlyElementsOf(shapes(ref.get("fails")));
      Map<String, Object> boom = (Map<String, Object>) failed.get(4).json();
      Map<String, Object> refBoom = (Map<String, Object>) ref.get("fails").get(4).getValue();
      assertThat(((Map<String, Object>) boom.get("error")).keySet()).containsExactlyElementsOf(((Map<String, Object>) refBoom.get("error")).keySet());

      List<TestServer.Sse> sub = s.sse("POST", "/runs/stream", Map.of("assistant_id", "parent", "stream_subgraphs", true,
          "stream_mode", List.of("tasks", "updates")), Map.of(), 1000);
      assertThat(shapesOf(sub)).containsExactlyElementsOf(shapes(ref.get("parent")));
      // the namespace is NODE:ID of the subgraph's task, as in the reference
      String refNs = ref.get("parent").stream().map(Map.Entry::getKey).filter(k -> k.contains("|")).findFirst().orElseThrow();
      Object refId = ref.get("parent").stream().filter(x -> x.getKey().equals("tasks") && "research".equals(((Map<?, ?>) x.getValue()).get("name")))
          .map(x -> ((Map<?, ?>) x.getValue()).get("id")).findFirst().orElseThrow();
      assertThat(refNs).endsWith("|research:" + refId);
      Object id = sub.stream().filter(x -> x.event().equals("tasks") && "research".equals(((Map<?, ?>) x.json()).get("name")))
          .map(x -> ((Map<?, ?>) x.json()).get("id")).findFirst().orElseThrow();
      assertThat(sub).anySatisfy(x -> assertThat(x.event()).isEqualTo("tasks|research:" + id));
    }
  }
}
