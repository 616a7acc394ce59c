package dev.lamgraph.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import org.junit.jupiter.api.Test;

class WorkflowVersionTest {
  private static final String FLOW = """
      name: v
      %s
      state:
        version: { type: string }
      nodes:
        a: { type: set, set: { version: "'not the top-level field'" } }
      edges: [ { from: START, to: a }, { from: a, to: END } ]
      """;

  @Test
  void theVersionFieldIsReadAsWrittenInEveryYamlForm() {
    assertThat(WorkflowVersion.of(FLOW.formatted("version: 3")).version()).isEqualTo("3");
    assertThat(WorkflowVersion.of(FLOW.formatted("version: \"2.1-beta\"  # quoted")).version()).isEqualTo("2.1-beta");
    assertThat(WorkflowVersion.of(FLOW.formatted("version: '7'")).version()).isEqualTo("7");
    assertThat(WorkflowVersion.of(FLOW.formatted("version: 2025-01 # a comment")).version()).isEqualTo("2025-01");
    assertThat(WorkflowVersion.of(FLOW.formatted("")).version()).isNull(); // an indented 'version:' is not it
  }

  @Test
  void theHashIsTheSha256OfTheExactText() {
    WorkflowVersion v = WorkflowVersion.of("abc");
    assertThat(v.hash()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(v.label()).isEqualTo("sha256:ba7816bf8f01");
    assertThat(WorkflowVersion.of("version: 3\n").label()).startsWith("3 (sha256:").endsWith(")");
    assertThat(WorkflowVersion.of("abc ").hash()).isNotEqualTo(v.hash());
    assertThat(WorkflowVersion.of(null).label()).isEqualTo("-");
  }

  @Test
  void theSpecCarriesTheVersionItWasCompiledWith() throws Exception {
    try (var g = Compiler.withDefaults().compileText("v.yaml", FLOW.formatted("version: 12"), java.nio.file.Path.of("."))) {
      assertThat(g.spec().version()).isEqualTo("12");
    }
    try (var g = Compiler.withDefaults().compileText("v.yaml", FLOW.formatted(""), java.nio.file.Path.of("."))) {
      assertThat(g.spec().version()).isNull();
    }
  }
}
