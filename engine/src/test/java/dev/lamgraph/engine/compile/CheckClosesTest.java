package dev.lamgraph.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.SectionType;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.spec.YNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} (what {@code lam validate} runs) closes the graph it compiles; a failed compile closes what it built. */
class CheckClosesTest {
  @TempDir Path dir;

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

  static String workflow(String held, String setExpr) {
    return "name: w\nheld: " + held + "\nstate: { x: { type: integer } }\nnodes: { n: { type: set, set: { x: \"" + setExpr + "\" } } }\n"
        + "edges: [ { from: START, to: n }, { from: n, to: END } ]\n";
  }

  @Test
  void checkingAFileOrTextClosesTheCompiledGraphAndAFailedCompileClosesItsSections() throws Exception {
    Held held = new Held();
    Compiler c = new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()), SectionTypes.of(List.of(held)));
    assertThat(c.check(Files.writeString(dir.resolve("a.yaml"), workflow("file", "1")))).isEmpty();
    assertThat(c.checkText("b.yaml", workflow("text", "1"))).isEmpty();
    assertThat(c.checkText("c.yaml", workflow("broken", "'not an int'"))).isNotEmpty();
    assertThat(held.closed).containsExactly("file", "text", "broken");
    try (CompiledGraph g = c.compileText("d.yaml", workflow("owned", "1"), dir)) {
      assertThat(held.closed).doesNotContain("owned"); // the caller owns it until it closes it
    }
    assertThat(held.closed).contains("owned");
  }

  @Test
  void closingAGraphClosesTheChildGraphOfASubgraphRunByAMap() throws Exception {
    Held held = new Held();
    Compiler c = new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()), SectionTypes.of(List.of(held)));
    Files.writeString(dir.resolve("child.yaml"), workflow("child", "1"));
    String parent = "name: p\nstate: { items: { type: list }, item: { type: any }, got: { type: integer }, all: { type: list } }\n"
        + "nodes:\n  each: { type: map, over: items, item: item, collect: got, output: all,\n"
        + "          node: { type: subgraph, workflow: child.yaml, output: { got: \"state.x\" } } }\n"
        + "edges: [ { from: START, to: each }, { from: each, to: END } ]\n";
    try (CompiledGraph g = c.compileText("p.yaml", parent, dir)) {
      assertThat(held.closed).doesNotContain("child");
    }
    assertThat(held.closed).contains("child"); // a map body closes its inner node's child graph
  }
}
