package dev.lamgraph.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.lg4j.Lg4jGap;
import dev.lamgraph.engine.lg4j.Lg4jGraphs;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pausing for input is a capability a node type declares ({@link NodeType#pauses}), not something
 * the engine recognises by class or kind ({@code type: human}): a plugin type that declares it is
 * planned for ({@code mayPause}), refused inside a map, listed as a langgraph4j gap, and its
 * answer checked against the channel it writes, as the human node's is.
 */
class PausingTypeTest {
  /** Asks a question, then writes the answer to {@code output}; declares it pauses only when {@code declared}. */
  private record AskType(String name, boolean declared) implements NodeType {
    @Override
    public String summary() {
      return "test: asks for a number";
    }

    @Override
    public String configSchema() {
      return "{\"type\":\"object\",\"properties\":{\"output\":{\"type\":\"string\"}}}";
    }

    @Override
    public String example() {
      return "q: { type: " + name + ", output: count }";
    }

    @Override
    public boolean pauses() {
      return declared;
    }

    @Override
    public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
      String output = spec.config().string("output").orElseThrow();
      return Optional.of(new Node() {
        @Override
        public NodeResult run(NodeContext c) {
          return c.resumeValue().map(a -> NodeResult.of(Map.of(output, a)))
              .orElseGet(() -> NodeResult.interrupt("how many?", "{}"));
        }

        @Override
        public Set<String> writes() {
          return Set.of(output);
        }
      });
    }
  }

  private static final Compiler COMPILER = compiler();

  private static Compiler compiler() {
    List<NodeType> types = new ArrayList<>(NodeTypes.discover(NodeTypes.class.getClassLoader()).all().values());
    types.add(new AskType("ask", true));
    types.add(new AskType("ask_quietly", false));
    return new Compiler(NodeTypes.of(types));
  }

  private static String workflow(String type) {
    return """
        name: ask
        state: { count: { type: integer } }
        nodes:
          q: { type: %s, output: count }
        edges: [ { from: START, to: q }, { from: q, to: END } ]
        """.formatted(type);
  }

  @Test
  void aTypeThatDeclaresItPausesIsPlannedForAndItsAnswerMustFitItsChannel() throws Exception {
    try (CompiledGraph quiet = COMPILER.compileText("q.yaml", workflow("ask_quietly"), Path.of("."))) {
      assertThat(quiet.mayPause()).isFalse();
      assertThat(Lg4jGraphs.gaps(quiet)).isEmpty();
    }
    MemoryStore store = new MemoryStore();
    try (CompiledGraph g = COMPILER.compileText("a.yaml", workflow("ask"), Path.of("."));
        Runs runs = new Runs(store, RunOptions.defaults())) {
      assertThat(g.mayPause()).isTrue();
      assertThat(Lg4jGraphs.gaps(g)).extracting(Lg4jGap::kind).containsExactly(Lg4jGap.Kind.HUMAN);

      RunResult paused = runs.start(g, "t", Map.of());
      assertThat(paused.status()).isEqualTo(RunStatus.PAUSED);
      assertThat(paused.detail()).containsEntry("node", "q").containsEntry("prompt", "how many?");
      assertThatThrownBy(() -> runs.resume(g, "t", Map.of("answer", "many")))
          .isInstanceOf(AnswerException.class)
          .hasMessageContaining("the answer to node 'q' does not fit its output channel");
      assertThat(store.thread("t").orElseThrow().status()).isEqualTo(RunStatus.PAUSED);

      RunResult done = runs.resume(g, "t", Map.of("answer", 3));
      assertThat(done.status()).isEqualTo(RunStatus.DONE);
      assertThat(done.state()).containsEntry("count", 3L);
    }
  }

  @Test
  void aMapCannotRunANodeWhoseTypePauses() {
    String yaml = """
        name: m
        state: { items: { type: list }, item: { type: any }, count: { type: integer }, all: { type: list } }
        nodes:
          each: { type: map, over: items, item: item, node: { type: %s, output: count }, collect: count, output: all }
        edges: [ { from: START, to: each }, { from: each, to: END } ]
        """;
    List<Diagnostic> pausing = COMPILER.checkText("m.yaml", yaml.formatted("ask"));
    assertThat(pausing).filteredOn(Diagnostic::isError).extracting(Diagnostic::code).containsExactly("INTERRUPT_IN_MAP");
    assertThat(COMPILER.checkText("m.yaml", yaml.formatted("ask_quietly"))).filteredOn(Diagnostic::isError).isEmpty();
  }
}
