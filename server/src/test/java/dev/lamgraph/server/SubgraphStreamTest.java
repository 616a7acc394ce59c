package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream_subgraphs}: a subgraph node's child steps stream as {@code MODE|NODE:TASK_ID}
 * events between the node's task start and its result, as LangGraph names and orders them
 * (compared with the JS library on an equivalent graph); nested subgraphs join namespaces with
 * {@code |}; without the flag no namespaced event is sent.
 */
@SuppressWarnings("unchecked")
class SubgraphStreamTest {
  @TempDir Path dir;

  private TestServer server() {
    SubgraphFixtures.write(dir);
    return TestServer.start(dir);
  }

  private static Map<String, Object> json(TestServer.Sse e) {
    return (Map<String, Object>) e.json();
  }

  @Test
  void aSubgraphsStepsStreamUnderItsTasksNamespace() {
    try (TestServer s = server()) {
      List<TestServer.Sse> events = s.sse("POST", "/runs/stream", Map.of("assistant_id", "parent", "stream_subgraphs", true,
          "stream_mode", List.of("tasks", "updates", "values")), Map.of(), 1000);
      TestServer.Sse start = events.stream().filter(e -> e.event().equals("tasks") && "research".equals(json(e).get("name")))
          .findFirst().orElseThrow();
      String ns = "research:" + json(start).get("id");
      List<String> names = events.stream().map(TestServer.Sse::event).toList();
      int from = names.indexOf("values|" + ns);
      assertThat(from).isEqualTo(events.indexOf(start) + 1);
      assertThat(names.subList(from, from + 9)).containsExactly("values|" + ns,
          "tasks|" + ns, "updates|" + ns, "tasks|" + ns, "values|" + ns,
          "tasks|" + ns, "updates|" + ns, "tasks|" + ns, "values|" + ns);
      assertThat(names.get(from + 9)).isEqualTo("updates");
      assertThat(json(events.get(from))).isEqualTo(Map.of("question", "otters", "notes", List.of()));
      assertThat(json(events.get(from + 2))).isEqualTo(Map.of("search", Map.of("notes", List.of("found otters"))));
      assertThat(json(events.get(from + 8))).containsEntry("summary", "about otters");
      assertThat(json(events.get(from + 9))).isEqualTo(Map.of("research", Map.of("report", "about otters", "log", List.of("found otters"))));
      // the child's task ids are its own; ids are the STEP.SEQ of the parent's last committed step
      assertThat(json(events.get(from + 1))).containsEntry("name", "search").doesNotContainEntry("id", json(start).get("id"));
      assertThat(events.subList(from, from + 9)).allSatisfy(e -> assertThat(e.id()).startsWith("1."));

      List<TestServer.Sse> updates = s.sse("POST", "/runs/stream", Map.of("assistant_id", "parent", "stream_subgraphs", true,
          "stream_mode", "updates"), Map.of(), 1000);
      assertThat(updates.stream().filter(e -> e.event().startsWith("updates")).map(e -> e.event().replaceAll(":.*", "") + " "
          + json(e).keySet())).containsExactly("updates [plan]", "updates|research [search]", "updates|research [summarize]",
          "updates [research]", "updates [write]");
    }
  }

  @Test
  void withoutTheFlagNothingIsNamespacedAndTheRunSaysSubgraphsFalse() {
    try (TestServer s = server()) {
      List<TestServer.Sse> events = s.sse("POST", "/runs/stream", Map.of("assistant_id", "parent",
          "stream_mode", List.of("tasks", "updates", "values", "debug")), Map.of(), 1000);
      assertThat(events).noneMatch(e -> e.event().contains("|"));
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      Map<String, Object> run = s.post("/threads/" + t + "/runs", Map.of("assistant_id", "parent", "stream_subgraphs", true)).map();
      assertThat((Map<String, Object>) run.get("kwargs")).containsEntry("subgraphs", true);
      assertThat(s.post("/runs", Map.of("assistant_id", "parent", "stream_subgraphs", "yes")).status()).isEqualTo(422);
    }
  }

  @Test
  void aSubgraphWithinASubgraphJoinsTheNamespacesAndCheckpointsCarryThem() {
    try (TestServer s = server()) {
      List<TestServer.Sse> events = s.sse("POST", "/runs/stream", Map.of("assistant_id", "outer", "stream_subgraphs", true,
          "stream_mode", List.of("tasks", "updates", "debug", "checkpoints")), Map.of(), 1000);
      String inner = "inner:" + events.stream().filter(e -> e.event().equals("tasks") && "inner".equals(json(e).get("name")))
          .map(e -> json(e).get("id")).findFirst().orElseThrow();
      String research = "research:" + events.stream().filter(e -> e.event().equals("tasks|" + inner) && "research".equals(json(e).get("name")))
          .map(e -> json(e).get("id")).findFirst().orElseThrow();
      String both = inner + "|" + research;
      assertThat(events).anySatisfy(e -> {
        assertThat(e.event()).isEqualTo("updates|" + both);
        assertThat(json(e)).isEqualTo(Map.of("summarize", Map.of("summary", "about seals")));
      });
      assertThat(events).anySatisfy(e -> {
        assertThat(e.event()).isEqualTo("updates|" + inner);
        assertThat(json(e)).containsKey("research");
      });
      Map<String, Object> cp = events.stream().filter(e -> e.event().equals("debug|" + both) && "checkpoint".equals(json(e).get("type")))
          .map(SubgraphStreamTest::json).findFirst().orElseThrow();
      Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) cp.get("payload")).get("config");
      assertThat((Map<String, Object>) config.get("configurable")).containsEntry("checkpoint_ns", both);
      assertThat(events.stream().filter(e -> e.event().equals("checkpoints|" + inner)).map(e -> (Map<String, Object>) json(e).get("config")))
          .isNotEmpty().allSatisfy(c -> assertThat((Map<String, Object>) c.get("configurable")).containsEntry("checkpoint_ns", inner));
      assertThat(events.stream().filter(e -> e.event().equals("checkpoints")).map(e -> (Map<String, Object>) json(e).get("config")))
          .isNotEmpty().allSatisfy(c -> assertThat((Map<String, Object>) c.get("configurable")).containsEntry("checkpoint_ns", ""));
    }
  }

  @Test
  void aFailingChildFailsTheSubgraphsTask() {
    try (TestServer s = server()) {
      List<TestServer.Sse> events = s.sse("POST", "/runs/stream", Map.of("assistant_id", "broken-child", "stream_subgraphs", true,
          "stream_mode", List.of("tasks")), Map.of(), 1000);
      Map<String, Object> calc = events.stream().filter(e -> e.event().equals("tasks") && json(e).containsKey("error"))
          .map(SubgraphStreamTest::json).findFirst().orElseThrow();
      assertThat(calc).containsEntry("name", "calc");
      assertThat((Map<String, Object>) calc.get("error")).containsKeys("message", "name");
      String ns = "calc:" + calc.get("id");
      List<String> names = events.stream().map(TestServer.Sse::event).toList();
      assertThat(names).containsExactly("metadata", "tasks", "tasks|" + ns, "tasks|" + ns, "tasks", "error", "end");
      Map<String, Object> divide = json(events.get(3));
      assertThat(divide).containsEntry("name", "divide").containsEntry("id", json(events.get(2)).get("id")).containsEntry("result", Map.of());
      assertThat((Map<String, Object>) divide.get("error")).containsEntry("name", ((Map<String, Object>) calc.get("error")).get("name"));
    }
  }

  @Test
  void aChildsLiveOutputIsNamespacedWithTheFlagAndNamedNodeSlashChildWithout() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("sub"));
    java.nio.file.Files.writeString(dir.resolve("sub/work.yaml"), """
        name: work
        state: { done: { type: integer, default: 0 }, note: { type: string, default: "" } }
        nodes:
          p: { type: progress, steps: 2, into: done }
        edges: [ { from: START, to: p }, { from: p, to: END } ]
        """);
    java.nio.file.Files.writeString(dir.resolve("boss.yaml"), """
        name: boss
        state: { done: { type: integer, default: 0 } }
        nodes:
          job: { type: subgraph, workflow: sub/work.yaml, input: {}, output: { done: "state.done" } }
        edges: [ { from: START, to: job }, { from: job, to: END } ]
        """);
    try (TestServer s = TestServer.start(dir)) {
      List<TestServer.Sse> events = s.sse("POST", "/runs/stream", Map.of("assistant_id", "boss", "stream_subgraphs", true,
          "stream_mode", List.of("custom", "tasks")), Map.of(), 1000);
      String ns = "job:" + events.stream().filter(e -> e.event().equals("tasks")).map(e -> json(e).get("id")).findFirst().orElseThrow();
      assertThat(events.stream().filter(e -> e.event().startsWith("custom")).map(TestServer.Sse::event))
          .containsExactly("custom|" + ns, "custom|" + ns);
      assertThat(events.stream().filter(e -> e.event().startsWith("custom")).map(e -> json(e).get("done"))).containsExactly(1L, 2L);
      List<TestServer.Sse> plain = s.sse("POST", "/runs/stream", Map.of("assistant_id", "boss", "stream_mode", List.of("custom")),
          Map.of(), 1000);
      assertThat(plain.stream().map(TestServer.Sse::event)).containsExactly("metadata", "custom", "custom", "end");
    }
  }

  @Test
  void aChildThatAsksAPersonEndsItsTaskAndTheSubgraphsWithTheInterruptAndTheResumeContinuesBoth() {
    try (TestServer s = server()) {
      String t = (String) s.post("/threads", Map.of()).map().get("thread_id");
      List<TestServer.Sse> first = s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", "asker",
          "stream_subgraphs", true, "stream_mode", List.of("tasks", "updates")), Map.of(), 1000);
      Map<String, Object> sub = first.stream().filter(e -> e.event().equals("tasks") && "sub".equals(json(e).get("name")))
          .map(SubgraphStreamTest::json).findFirst().orElseThrow();
      String ns = "sub:" + sub.get("id");
      List<String> names = first.stream().map(TestServer.Sse::event).toList();
      assertThat(names.subList(names.indexOf("tasks|" + ns), names.size())).containsExactly("tasks|" + ns, "updates|" + ns,
          "tasks|" + ns, "updates", "tasks", "end");
      int at = names.indexOf("tasks|" + ns);
      Map<String, Object> ask = json(first.get(at + 2));
      assertThat(ask).containsEntry("name", "ask").containsEntry("id", json(first.get(at)).get("id")).containsEntry("result", Map.of());
      assertThat((List<Map<String, Object>>) ask.get("interrupts")).singleElement()
          .satisfies(i -> assertThat((Map<String, Object>) i.get("value")).containsEntry("prompt", "ok?").containsEntry("node", "ask"));
      assertThat((Map<String, Object>) json(first.get(at + 1))).containsKey("__interrupt__");
      assertThat(json(first.get(at + 4))).containsEntry("name", "sub").containsEntry("id", sub.get("id"));
      assertThat((List<?>) json(first.get(at + 4)).get("interrupts")).hasSize(1);

      List<TestServer.Sse> resumed = s.sse("POST", "/threads/" + t + "/runs/stream", Map.of("assistant_id", "asker",
          "stream_subgraphs", true, "stream_mode", List.of("tasks"), "command", Map.of("resume", Map.of("ok", true))), Map.of(), 1000);
      List<String> again = resumed.stream().filter(e -> e.event().startsWith("tasks"))
          .map(e -> e.event().replace(ns, "NS") + " " + json(e).get("name") + ("input".equals(json(e).keySet().toArray()[2]) ? " start" : " end"))
          .toList();
      assertThat(again).containsExactly("tasks sub start", "tasks|NS ask start", "tasks|NS ask end", "tasks|NS done start",
          "tasks|NS done end", "tasks sub end");
      assertThat(resumed.stream().filter(e -> e.event().equals("tasks|" + ns)).findFirst().map(SubgraphStreamTest::json).orElseThrow())
          .containsEntry("id", ask.get("id"));
    }
  }

  @Test
  void aMapOverASubgraphStreamsEachItemsChildUnderItsOwnNamespace() throws Exception {
    SubgraphFixtures.write(dir);
    java.nio.file.Files.writeString(dir.resolve("mapper.yaml"), """
        name: mapper
        state: { topics: { type: list, items: string, default: [otters, seals] }, topic: { type: string },
                 summary: { type: string }, summaries: { type: list } }
        nodes:
          each:
            type: map
            over: topics
            item: topic
            node: { type: subgraph, workflow: sub/research.yaml, input: { question: "state.topic" }, output: { summary: "state.summary" } }
            collect: summary
            output: summaries
        edges: [ { from: START, to: each }, { from: each, to: END } ]
        """);
    try (TestServer s = TestServer.start(dir)) {
      List<TestServer.Sse> events = s.sse("POST", "/runs/stream", Map.of("assistant_id", "mapper", "stream_subgraphs", true,
          "stream_mode", List.of("updates")), Map.of(), 1000);
      Map<String, List<Object>> byNs = new java.util.TreeMap<>();
      for (TestServer.Sse e : events) {
        if (e.event().startsWith("updates|")) byNs.computeIfAbsent(e.event().substring(8, e.event().indexOf(':')), k -> new java.util.ArrayList<>())
            .add(json(e).get("summarize") == null ? "search" : ((Map<String, Object>) json(e).get("summarize")).get("summary"));
      }
      assertThat(byNs).containsOnlyKeys("each[0]", "each[1]");
      assertThat(byNs.get("each[0]")).containsExactly("search", "about otters");
      assertThat(byNs.get("each[1]")).containsExactly("search", "about seals");
      assertThat(json(events.get(events.size() - 2))).isEqualTo(Map.of("each", Map.of("summaries", List.of("about otters", "about seals"))));
    }
  }
}
