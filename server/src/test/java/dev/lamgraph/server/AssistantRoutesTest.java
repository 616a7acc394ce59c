package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssistantRoutesTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void okInfoAndTheSystemAssistantOfEachWorkflow() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      assertThat(s.get("/ok").map()).containsEntry("ok", true);
      assertThat(s.get("/info").map()).containsKey("version").containsKey("flags");
      TestServer.Reply search = s.post("/assistants/search", Map.of("graph_id", "counter"));
      assertThat(search.status()).isEqualTo(200);
      Map<String, Object> a = search.list().get(0);
      // LangGraph's rule (langgraph-api graph/load): uuid5(graph name, NAMESPACE_GRAPH)
      // (the value from node: require('uuid').v5('counter', '6ba7b821-9dad-11d1-80b4-00c04fd430c8'))
      assertThat(a.get("assistant_id")).isEqualTo("09d6caf4-2ef3-5a8b-b1a7-114690ed5d45");
      assertThat(a).containsEntry("graph_id", "counter");
      assertThat((Map<Object, Object>) a.get("metadata")).containsEntry("created_by", "system");
      String id = (String) a.get("assistant_id");
      assertThat(s.get("/assistants/" + id).map()).containsEntry("graph_id", "counter");
      assertThat(s.get("/assistants/counter").map()).containsEntry("assistant_id", id);

      Map<String, Object> graph = s.get("/assistants/counter/graph").map();
      @SuppressWarnings("unchecked") List<Map<String, Object>> nodes = (List<Map<String, Object>>) graph.get("nodes");
      assertThat(nodes).extracting(n -> n.get("id")).containsExactly("__start__", "plan", "tool", "review", "__end__");
      @SuppressWarnings("unchecked") List<Map<String, Object>> edges = (List<Map<String, Object>>) graph.get("edges");
      assertThat(edges).anySatisfy(e -> assertThat(e).containsEntry("source", "review").containsEntry("target", "__end__")
          .containsEntry("conditional", true));

      Map<String, Object> schemas = s.get("/assistants/counter/schemas").map();
      assertThat(schemas).containsEntry("graph_id", "counter");
      assertThat(((Map<String, Object>) ((Map<?, ?>) schemas.get("state_schema")).get("properties")).keySet())
          .containsExactly("attempts", "log", "notes", "cost");
      assertThat(s.get("/assistants/counter/subgraphs").map()).isEmpty();
    }
  }

  @Test
  void unknownAssistantIs404Json() {
    TestServer.copyGraph("counter.yaml", dir);
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Reply r = s.get("/assistants/nope");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.map()).containsEntry("detail", "assistant 'nope' not found");
      TestServer.Reply route = s.get("/no/such/route");
      assertThat(route.status()).isEqualTo(404);
      assertThat(route.map()).containsKey("detail");
      TestServer.Reply bad = s.send("POST", "/assistants/search", "{not json");
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.body()).doesNotContain("at dev.lamgraph").doesNotContain("Exception");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void subgraphsAreListedByNamespaceWithTheirSchemas() {
    SubgraphFixtures.write(dir);
    try (TestServer s = TestServer.start(dir)) {
      Map<String, Object> top = s.get("/assistants/outer/subgraphs").map();
      assertThat(top).containsOnlyKeys("inner");
      Map<String, Object> inner = (Map<String, Object>) top.get("inner");
      assertThat(inner).containsEntry("graph_id", "outer").containsKeys("input_schema", "output_schema", "state_schema", "config_schema");
      assertThat(((Map<String, Object>) ((Map<?, ?>) inner.get("state_schema")).get("properties")).keySet())
          .containsExactly("topic", "report", "log");
      assertThat(s.get("/assistants/outer/subgraphs?recurse=true").map()).containsOnlyKeys("inner", "inner|research");
      Map<String, Object> one = s.get("/assistants/outer/subgraphs/inner%7Cresearch").map();
      assertThat(one).containsOnlyKeys("inner|research");
      assertThat(((Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) one.get("inner|research")).get("state_schema")).get("properties"))
          .keySet()).containsExactly("question", "notes", "summary");
      assertThat(s.get("/assistants/outer/subgraphs/inner").map()).containsOnlyKeys("inner");
      assertThat(s.get("/assistants/outer/subgraphs/nope").map()).isEmpty();
      assertThat(s.get("/assistants/parent/subgraphs").map()).containsOnlyKeys("research");
    }
  }
}
