package dev.lamgraph.nodes.memory.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.util.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every graph memory backend does: upserts with provenance, unknown ends refused, search, neighbourhoods, paths. */
abstract class GraphStoreContract {
  static final Graph.Provenance P = new Graph.Provenance("t-1", 4, "extract");
  static final String OPS = """
      {"entities": [
        {"id": "orders", "type": "service", "name": "orders-service", "properties": {"team": "checkout"}},
        {"id": "billing", "type": "service", "name": "billing-service", "source": "cmdb.json"},
        {"id": "java.sql.SQLTransientConnectionException", "type": "exception"},
        {"id": "INC-2041", "type": "incident", "name": "Pool exhausted by leaked connections", "properties": {"year": 2026}},
        {"id": "INC-1877", "type": "incident", "name": "Slow report query"},
        {"id": "lonely", "type": "service"}],
       "relations": [
        {"from": "orders", "type": "calls", "to": "billing"},
        {"from": "INC-2041", "type": "affected", "to": "billing"},
        {"from": "INC-2041", "type": "raised", "to": "java.sql.SQLTransientConnectionException", "properties": {"count": 12}},
        {"from": "INC-1877", "type": "raised", "to": "java.sql.SQLTransientConnectionException"},
        {"from": "INC-1877", "type": "affected", "to": "orders"}]}""";

  GraphStore g;

  abstract GraphStore open();

  @BeforeEach
  void setUp() {
    g = open();
    g.write("ops", GraphBatch.parse(Json.readMap(OPS), P));
  }

  @AfterEach
  void tearDown() {
    g.close();
  }

  @Test
  void writesEntitiesWithPropertiesAndProvenanceAndUpserts() {
    Graph.Entity e = g.entity("ops", "orders").orElseThrow();
    assertThat(e.name()).isEqualTo("orders-service");
    assertThat(e.properties()).containsEntry("team", "checkout");
    assertThat(e.provenance()).isEqualTo(P);
    assertThat(g.entity("ops", "billing").orElseThrow().provenance().source()).isEqualTo("cmdb.json");
    assertThat(g.entity("ops", "java.sql.SQLTransientConnectionException").orElseThrow().name()).isEqualTo("java.sql.SQLTransientConnectionException");
    // the same write again (a re-run step) changes nothing but provenance
    g.write("ops", GraphBatch.parse(Json.readMap(OPS), new Graph.Provenance("t-2", 9, "extract")));
    assertThat(g.namespaces()).containsExactly(Map.of("namespace", "ops", "entities", 6L, "relations", 5L));
    assertThat(g.entity("ops", "orders").orElseThrow().provenance().thread()).isEqualTo("t-2");
    assertThat(g.entity("other", "orders")).isEmpty();
  }

  @Test
  void aRelationToAnUnknownEntityIsRefusedAndNothingIsWritten() {
    var batch = GraphBatch.parse(Json.readMap("""
        {"entities": [{"id": "new", "type": "service"}],
         "relations": [{"from": "new", "type": "calls", "to": "orders"}, {"from": "new", "type": "calls", "to": "ghost"}]}"""), P);
    assertThatThrownBy(() -> g.write("ops", batch)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relations[1] (new calls ghost) names an unknown entity 'ghost' in namespace ops");
    assertThat(g.entity("ops", "new")).isEmpty();
  }

  @Test
  void searchesByNameTypeAndProperty() {
    assertThat(g.search("ops", "SERVICE", null, Map.of(), 10)).extracting(Graph.Entity::id).containsExactly("billing", "orders");
    assertThat(g.search("ops", null, "incident", Map.of(), 10)).extracting(Graph.Entity::id).containsExactly("INC-2041", "INC-1877");
    assertThat(g.search("ops", null, null, Map.of("year", "2026"), 10)).extracting(Graph.Entity::id).containsExactly("INC-2041");
    assertThat(g.search("ops", null, null, Map.of(), 2)).hasSize(2);
    assertThat(g.search("ops", "nothing", null, Map.of(), 10)).isEmpty();
  }

  @Test
  void neighbourhoodsFollowRelationsBothWaysToADepth() {
    GraphQueries q = new GraphQueries(g);
    var one = q.neighbourhood("ops", List.of("orders"), 1, Set.of());
    assertThat(one.entities()).extracting(Graph.Entity::id).containsExactly("orders", "billing", "INC-1877");
    assertThat(one.relations()).hasSize(2);
    var two = q.neighbourhood("ops", List.of("orders"), 2, Set.of());
    assertThat(two.entities()).extracting(Graph.Entity::id).contains("INC-2041", "java.sql.SQLTransientConnectionException").hasSize(5);
    assertThat(two.asMap().get("facts")).asList().contains("orders-service calls billing-service",
        "Slow report query raised java.sql.SQLTransientConnectionException");
    var typed = q.neighbourhood("ops", List.of("orders"), 3, Set.of("calls"));
    assertThat(typed.entities()).extracting(Graph.Entity::id).containsExactly("orders", "billing");
    assertThat(q.neighbourhood("ops", List.of("ghost"), 2, Set.of()).entities()).isEmpty();
    assertThat(q.neighbourhood("ops", List.of("lonely"), 2, Set.of()).entities()).hasSize(1);
  }

  @Test
  void shortestPathsGoEitherWayAndRespectTheLength() {
    GraphQueries q = new GraphQueries(g);
    var p = q.path("ops", "orders", "INC-2041", 4, Set.of()).orElseThrow();
    assertThat(p.entities()).extracting(Graph.Entity::id).containsExactly("orders", "billing", "INC-2041");
    assertThat(p.relations()).extracting(Graph.Relation::type).containsExactly("calls", "affected");
    assertThat(q.path("ops", "orders", "INC-2041", 1, Set.of())).isEmpty();
    assertThat(q.path("ops", "orders", "lonely", 4, Set.of())).isEmpty();
    assertThat(q.path("ops", "orders", "orders", 4, Set.of()).orElseThrow().relations()).isEmpty();
  }
}
