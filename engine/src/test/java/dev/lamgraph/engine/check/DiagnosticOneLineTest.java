package dev.lamgraph.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by {@code WorkflowFuzzTest} (example api-booking, one byte flipped in a folded
 * multi-line CEL expression): the EXPR_COMPILE diagnostic quoted the expression with its line
 * break, so `lam validate` printed one problem on two lines.
 */
class DiagnosticOneLineTest {
  @Test
  void aDiagnosticQuotingAMultiLineExpressionIsOneLine() {
    List<Diagnostic> ds = Compiler.withDefaults().checkText("f.yaml", """
        name: multi
        state: { x: { type: integer } }
        nodes:
          a:
            type: set
            set:
              x: |
                1 +
                doub,e(2)
        edges: [ { from: START, to: a }, { from: a, to: END } ]
        """);
    assertThat(ds).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("EXPR_COMPILE");
      assertThat(d.message()).contains("\n"); // the message keeps the expression as written
      assertThat(d.format()).doesNotContain("\n").doesNotContain("\r").contains("`1 + doub,e(2)");
    });
    Diagnostic odd = Diagnostic.error("X", new dev.lamgraph.engine.spec.Pos("f.yaml", 1, 1), "a\u2028b\r\nc\u0085d");
    assertThat(odd.format()).isEqualTo("f.yaml:1:1: error[X]: a b c d");
  }
}
