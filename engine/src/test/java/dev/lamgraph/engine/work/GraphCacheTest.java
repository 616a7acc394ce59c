package dev.lamgraph.engine.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker's graph cache owns its graphs: evicted ones close once unused, the rest when it closes. */
class GraphCacheTest {
  /** A section whose resource records that it was closed (as an MCP server's registry would end its process). */
  static final class Held implements SectionType {
    final List<String> closed = new ArrayList<>();

    @Override public String name() { return "held"; }
    @Override public String summary() { return "a closeable resource"; }
    @Override public String schema() { return "{\"type\":\"string\"}"; }
    @Override public String example() { return "held: a"; }

    @Override
    public Optional<Object> compile(YNode section, CompileContext ctx) {
      String id = String.valueOf(section == null ? null : section.plain());
      return Optional.of((AutoCloseable) () -> closed.add(id));
    }
  }

  static ThreadInfo thread(int version) {
    String source = "name: w\nheld: v" + version + "\nstate: { x: { type: integer } }\nnodes: { n: { type: set, set: { x: \"1\" } } }\n"
        + "edges: [ { from: START, to: n }, { from: n, to: END } ]\n";
    return new ThreadInfo("t" + version, "w", null, source, "{}", RunStatus.PAUSED, 0, null, null, Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void evictedGraphsCloseWhenNoRunUsesThemAndClosingTheCacheClosesTheRest() throws Exception {
    Held held = new Held();
    GraphCache cache = new GraphCache(new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()), SectionTypes.of(List.of(held))));
    CompiledGraph inUse = cache.acquire(thread(0)); // a run of version 0 is still going
    assertThat(cache.acquire(thread(0))).isSameAs(inUse); // compiled once per source
    cache.release(inUse);
    for (int v = 1; v <= 65; v++) cache.release(cache.acquire(thread(v))); // 66 versions: two evicted
    assertThat(held.closed).containsExactly("v1"); // v0 is evicted first but a run still holds it
    cache.release(inUse);
    assertThat(held.closed).containsExactly("v1", "v0");
    assertThat(cache.open()).isEqualTo(64);
    cache.close();
    assertThat(held.closed).hasSize(66).doesNotHaveDuplicates();
    assertThat(cache.open()).isZero();
  }
}
