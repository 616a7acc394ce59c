package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lam memory} end to end: a workflow writes a graph (op link), the commands read it, on SQLite and PostgreSQL. */
class MemoryCommandTest {
  static final Path DIR = Path.of("src/test/resources/memory").toAbsolutePath();
  @TempDir Path tmp;

  /** Copies the workflow, optionally with {@code memory: {graph: URL}}, and runs it with the extracted graph as input. */
  private Lam.Result runExtract(String graph) throws Exception {
    String yaml = Files.readString(DIR.resolve("extract.yaml"));
    if (graph != null) yaml = yaml.replace("state:\n", "memory: { graph: \"" + graph + "\" }\nstate:\n");
    Path wf = tmp.resolve("extract.yaml");
    Files.writeString(wf, yaml);
    return Lam.run(tmp, "run", wf, "--store", "sqlite:" + tmp.resolve("lam.db"), "--json", "--input-file", DIR.resolve("extracted.json"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aWorkflowWritesTheGraphAndTheCommandsReadItFromSqlite() throws Exception {
    Lam.Result run = runExtract(null);
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    Map<String, Object> state = ExampleDir.state(run);
    assertThat((Map<String, Object>) state.get("linked")).containsEntry("entities", 4L).containsEntry("relations", 3L);
    assertThat((List<String>) ((Map<String, Object>) state.get("around")).get("facts"))
        .containsExactly("checkout-service calls cart-service", "Checkout 502s affected checkout-service", "cart-service reads orders \"primary\" <pg>");
    assertThat(((Map<String, Object>) state.get("chain"))).containsEntry("found", true).containsEntry("length", 2L);
    checkCommands(tmp, tmp.resolve(".lam/memory.db").toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGraphCanLiveInPostgresql() throws Exception {
    PgServer pg = PgServer.shared();
    String url = pg.url(pg.newSchema());
    Lam.Result run = runExtract(url);
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    assertThat((Map<String, Object>) ExampleDir.state(run).get("chain")).containsEntry("found", true);
    checkCommands(tmp, url);
  }

  private static void checkCommands(Path cwd, String memory) throws Exception {
    Lam.Result ns = Lam.run(cwd, "memory", "namespaces", "-m", memory);
    assertThat(ns.code()).as(ns.toString()).isEqualTo(0);
    assertThat(ns.out()).contains("NAMESPACE").containsPattern("shop\\s+4\\s+3");
    assertThat(Lam.run(cwd, "memory", "namespaces", "-m", memory, "--json").jsonList())
        .containsExactly(Map.of("namespace", "shop", "entities", 4L, "relations", 3L));

    Lam.Result search = Lam.run(cwd, "memory", "search", "SERVICE", "-m", memory, "--json");
    assertThat(search.jsonList().stream().map(e -> (Object) ((Map<?, ?>) e).get("id")).toList()).containsExactly("cart", "checkout");
    assertThat(Lam.run(cwd, "memory", "search", "-m", memory, "--property", "tier=1").out()).contains("checkout-service")
        .doesNotContain("cart-service");
    assertThat(Lam.run(cwd, "memory", "search", "-m", memory, "--type", "database").out()).contains("orders \"primary\" <pg>");
    assertThat(Lam.run(cwd, "memory", "search", "zzz", "-m", memory).out()).isEqualTo("no entity matches\n");

    Lam.Result show = Lam.run(cwd, "memory", "show", "cart", "-m", memory);
    assertThat(show.code()).as(show.toString()).isEqualTo(0);
    assertThat(show.out()).startsWith("cart-service (service, id cart, namespace shop)\n  from: thread ")
        .contains(", step 1, source link\n")
        .contains("  <-[calls]- checkout-service (service)   from thread ")
        .contains("  -[reads]-> orders \"primary\" <pg> (database) {\"pool\":10}   from thread ");
    Map<String, Object> shown = Lam.run(cwd, "memory", "show", "db", "-m", memory, "--json").json();
    assertThat((Map<String, Object>) ((Map<String, Object>) shown.get("entity")).get("provenance")).containsEntry("source", "cmdb");

    Path mmd = cwd.resolve("out/checkout.mmd");
    Lam.Result graph = Lam.run(cwd, "memory", "graph", "checkout", "--depth", "2", "-o", "out/checkout.mmd", "-m", memory);
    assertThat(graph.code()).as(graph.toString()).isEqualTo(0);
    assertThat(graph.out()).isEqualTo("wrote " + mmd + " (4 entities, 3 relations)\n");
    assertThat(Files.readString(mmd)).startsWith("---\ntitle: shop / checkout\n---\nflowchart LR\n")
        .contains("[\"orders #quot;primary#quot; #lt;pg#gt; · database\"]").contains("-->|\"reads\"|").contains("class e0 root");
    assertThat(Lam.run(cwd, "memory", "graph", "checkout", "-m", memory).out()).contains("-->|\"calls\"|")
        .doesNotContain("reads");

    // bad input: one line, exit 2
    assertOneLine(Lam.run(cwd, "memory", "show", "ghost", "-m", memory),
        "lam: error: unknown entity 'ghost' (lam memory search finds entities by name)");
    assertOneLine(Lam.run(cwd, "memory", "graph", "ghost", "-n", "nope", "-m", memory),
        "lam: error: no namespace 'nope' in the graph memory ");
    assertOneLine(Lam.run(cwd, "memory", "graph", "checkout", "--depth", "9", "-m", memory), "lam: error: --depth must be 1..5, not 9");
    assertOneLine(Lam.run(cwd, "memory", "search", "--property", "tier", "-m", memory), "lam: error: --property tier: expected KEY=VALUE");
  }

  @Test
  void malformedRelationsFailTheRunInOneLineAndAMissingStoreIsAUsageError() throws Exception {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"extracted\": {\"entities\": [{\"id\": \"a\", \"type\": \"x\"}], \"relations\": [{\"from\": \"a\", \"to\": \"b\"}]}}");
    Files.copy(DIR.resolve("extract.yaml"), tmp.resolve("extract.yaml"));
    Lam.Result r = Lam.run(tmp, "run", tmp.resolve("extract.yaml"), "--store", "sqlite:" + tmp.resolve("lam.db"), "--input-file", bad);
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("invalid_graph").contains("graph `state.extracted`: relations[0].type is missing").doesNotContain("Exception");
    Files.writeString(bad, "{\"extracted\": {\"relations\": [{\"from\": \"a\", \"type\": \"t\", \"to\": \"b\"}]}}");
    Lam.Result unknown = Lam.run(tmp, "run", tmp.resolve("extract.yaml"), "--store", "sqlite:" + tmp.resolve("lam.db"), "--input-file", bad);
    assertThat(unknown.err()).contains("relations[0] (a t b) names an unknown entity 'a' in namespace shop");

    assertOneLine(Lam.run(tmp, "memory", "namespaces", "-m", "nowhere.db"), "lam: error: no memory store at ");
    assertThat(tmp.resolve("nowhere.db")).doesNotExist();
  }

  @Test
  @SuppressWarnings("unchecked")
  void lamNodesDescribesTheGraphFieldsAndAMissingFieldIsOneLineAtValidation() throws Exception {
    List<Object> json = Lam.run(tmp, "nodes", "--json").jsonList();
    Map<String, Object> props = RagExampleTest.properties(json, "memory");
    assertThat(props).containsKeys("graph", "source", "entity", "from", "to", "max_length", "hits", "link_key", "depth", "relations");
    assertThat(String.valueOf(((Map<String, Object>) props.get("graph")).get("description"))).contains("{entities: [{id, type, name");
    Map<String, Object> section = (Map<String, Object>) json.stream().map(o -> (Map<String, Object>) o)
        .filter(o -> "section".equals(o.get("category")) && "memory".equals(o.get("name"))).findFirst().orElseThrow();
    assertThat(String.valueOf(section.get("config_schema"))).contains("postgresql://");

    Path wf = tmp.resolve("extract.yaml");
    Files.writeString(wf, Files.readString(DIR.resolve("extract.yaml")).replace("    output: around\n", ""));
    Lam.Result r = Lam.run(tmp, "validate", wf);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains("memory node 'around' (op neighbours) needs 'output'").doesNotContain("Exception");
  }

  private static void assertOneLine(Lam.Result r, String prefix) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith(prefix).hasLineCount(1);
  }
}
