package dev.lamgraph.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.compile.NodeBody;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.YNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Plugin sections: schema-checked, compiled before nodes, handed to node types, closed with the graph. */
class SectionsTest {
  static final AtomicBoolean CLOSED = new AtomicBoolean();

  /** A `greetings:` section whose resource is a map of name -> text, closeable. */
  static final class Greetings implements SectionType {
    @Override public String name() { return "greetings"; }
    @Override public String summary() { return "named greetings"; }
    @Override public String schema() {
      return "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}";
    }
    @Override public String example() { return "greetings: { hi: hello }"; }
    @Override public Optional<Object> compile(YNode section, CompileContext ctx) {
      if (section == null) return Optional.empty();
      if (((Map<?, ?>) section.plain()).containsKey("boom")) throw new IllegalStateException("boom is not allowed");
      return Optional.of(new Res((Map<?, ?>) section.plain()));
    }
  }

  record Res(Map<?, ?> texts) implements AutoCloseable {
    @Override public void close() { CLOSED.set(true); }
  }

  /** `type: greet, greeting: NAME` writes the named greeting into `out`. */
  static final class Greet implements NodeType {
    @Override public String name() { return "greet"; }
    @Override public String summary() { return "greets"; }
    @Override public String configSchema() {
      return "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"greeting\":{\"type\":\"string\"}}}";
    }
    @Override public String example() { return "g: { type: greet, greeting: hi }"; }
    @Override public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
      String key = spec.config().string("greeting").orElse("");
      Optional<Res> res = ctx.section("greetings", Res.class);
      if (res.isEmpty() || !res.get().texts().containsKey(key)) {
        ctx.problems().error("UNKNOWN_GREETING", spec.config().valuePos("greeting"), "no greeting '" + key + "'");
        return Optional.empty();
      }
      Object text = res.get().texts().get(key);
      return Optional.of(c -> NodeResult.of(Map.of("out", text)));
    }
  }

  static final Compiler COMPILER = new Compiler(NodeTypes.of(List.of(new Greet())), SectionTypes.of(List.of(new Greetings())));

  static String workflow(String section) {
    return "name: s\n" + section + "state: { out: { type: string } }\nnodes: { g: { type: greet, greeting: hi } }\n"
        + "edges: [ { from: START, to: g }, { from: g, to: END } ]\n";
  }

  @Test
  void sectionResourceReachesNodesAndIsClosedWithTheGraph() throws Exception {
    CompiledGraph g = COMPILER.compileText("s.yaml", workflow("greetings: { hi: hello }\n"), Path.of("."));
    assertThat(g.resources()).containsKey("greetings");
    assertThat(((NodeBody.Task) g.nodes().get("g").body()).node().run(null).updates()).isEqualTo(Map.of("out", "hello"));
    g.close();
    assertThat(CLOSED).isTrue();
  }

  @Test
  void sectionIsCheckedAgainstItsSchemaAndUnknownTopLevelKeysListIt() {
    assertThatThrownBy(() -> COMPILER.compileText("s.yaml", workflow("greetings: { hi: 3 }\n"), Path.of(".")))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.diagnostics())
            .anySatisfy(d -> assertThat(d.format()).startsWith("s.yaml:2:").contains("error[SCHEMA]")));
    assertThatThrownBy(() -> COMPILER.compileText("s.yaml", workflow("greeting: { hi: x }\n"), Path.of(".")))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.diagnostics())
            .anySatisfy(d -> assertThat(d.code() + " " + d.message()).startsWith("UNKNOWN_FIELD").contains("greetings")));
  }

  @Test
  void aFailingSectionIsADiagnosticNotACrash() {
    assertThatThrownBy(() -> COMPILER.compileText("s.yaml", workflow("greetings: { boom: x }\n"), Path.of(".")))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.diagnostics())
            .anySatisfy(d -> assertThat(d.code() + " " + d.message()).isEqualTo(
                "SECTION_ERROR section 'greetings' could not be prepared: boom is not allowed")));
  }
}
