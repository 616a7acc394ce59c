package dev.lamgraph.nodes.memory.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphBatchTest {
  static final Graph.Provenance P = new Graph.Provenance("t", 1, "n");

  @Test
  void idAndNameDefaultToEachOther() {
    var b = GraphBatch.parse(Json.readMap("{\"entities\": [{\"name\": \"a\", \"type\": \"x\"}, {\"id\": \"b\", \"type\": \"x\"}]}"), P);
    assertThat(b.entities()).extracting(Graph.Entity::id).containsExactly("a", "b");
    assertThat(b.entities()).extracting(Graph.Entity::name).containsExactly("a", "b");
    assertThat(GraphBatch.parse(Map.of(), P).entities()).isEmpty();
  }

  @Test
  void malformedValuesGiveOneLineReasons() {
    assertBad(List.of(), "the graph value must be an object {entities: [...], relations: [...]}; got a list");
    assertBad(Map.of("nodes", List.of()), "the graph value has an unknown key 'nodes' (entities, relations)");
    assertBad(Map.of("entities", "x"), "'entities' must be a list; got a string");
    assertBad(Map.of("entities", List.of(Map.of("type", "x"))), "entities[0] needs an 'id' or a 'name'");
    assertBad(Map.of("entities", List.of(Map.of("id", "a"))), "entities[0].type is missing");
    assertBad(Map.of("entities", List.of(Map.of("id", 3, "type", "x"))), "entities[0].id must be a non-empty string; got integer");
    assertBad(Map.of("relations", List.of(Map.of("from", "a", "to", "b"))), "relations[0].type is missing");
    assertBad(Map.of("relations", List.of(Map.of("from", "a", "type", "t", "to", "b", "weight", 1))),
        "relations[0] has an unknown key 'weight' (from, properties, source, to, type)");
    assertBad(Map.of("relations", List.of(Map.of("from", "a", "type", "t", "to", "b", "properties", "x"))),
        "relations[0].properties must be an object; got a string");
    assertBad(Map.of("relations", List.of("a->b")), "relations[0] must be an object; got a string");
  }

  private static void assertBad(Object v, String msg) {
    assertThatThrownBy(() -> GraphBatch.parse(v, P)).isInstanceOf(IllegalArgumentException.class).hasMessage(msg);
  }
}
