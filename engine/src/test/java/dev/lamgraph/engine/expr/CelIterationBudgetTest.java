package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.types.SimpleType;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The comprehension budget of one CEL evaluation ({@code limits.max_cel_iterations}). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CelIterationBudgetTest {
  private static final List<ChannelSpec> CHANNELS = List.of(
      new ChannelSpec("l", ValueType.LIST, ReducerKind.REPLACE, null, false, ValueType.INTEGER, null, "", Pos.UNKNOWN));

  /** 100 x 100 x 100 = 10^6 innermost iterations (plus 10^4 + 100 for the outer ones). */
  private static final String MILLION;

  static {
    String l = "[" + String.join(",", Collections.nCopies(100, "1")) + "]";
    MILLION = l + ".map(a, " + l + ".map(b, " + l + ".map(c, a + b + c)))";
  }

  @Test
  void theDefaultBudgetStopsAMillionIterationsAndAnExplicitOneLetsThemRun() throws Exception {
    Expr bounded = CelEnv.of(CHANNELS).compile(MILLION);
    assertThatThrownBy(() -> bounded.eval(Map.of(), Map.of())).isInstanceOf(EvalException.class)
        .hasMessage("expression exceeded " + LimitsSpec.DEFAULT_MAX_CEL_ITERATIONS + " iterations (limits.max_cel_iterations)");
    // the budget is what stopped it: with room for 10^6 + 10^4 + 100 iterations the same expression runs
    Expr roomy = CelEnv.of(CHANNELS, Map.of(), 1_010_100).compile(MILLION);
    assertThat((List<?>) roomy.eval(Map.of(), Map.of())).hasSize(100);
    assertThatThrownBy(() -> CelEnv.of(CHANNELS, Map.of(), 1_010_099).compile(MILLION).eval(Map.of(), Map.of()))
        .hasMessageContaining("exceeded 1010099 iterations");
  }

  @Test
  void theBudgetCountsEveryIterationOfOneEvaluationAndNamesWhereTheExpressionIsWritten() throws Exception {
    CelEnv env = CelEnv.of(CHANNELS, Map.of(), 10);
    Expr e = env.compile("state.l.map(x, x * 2)").at(new Pos("flow.yaml", 7, 12));
    assertThat(e.eval(Map.of("l", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L)), Map.of())).asList().hasSize(10);
    assertThatThrownBy(() -> e.eval(Map.of("l", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L)), Map.of()))
        .hasMessage("expression exceeded 10 iterations (limits.max_cel_iterations) at flow.yaml:7:12");
    // two comprehensions of 6 in one evaluation share the budget; each evaluation starts afresh
    Expr two = env.compile("state.l.all(x, x > 0) && state.l.exists(x, x > 5)");
    Map<String, Object> six = Map.of("l", List.of(1L, 2L, 3L, 4L, 5L, 6L));
    assertThatThrownBy(() -> two.eval(six, Map.of())).hasMessageContaining("exceeded 10 iterations");
    Map<String, Object> five = Map.of("l", List.of(1L, 2L, 3L, 4L, 5L));
    for (int i = 0; i < 3; i++) assertThat(two.eval(five, Map.of())).isEqualTo(false);
  }

  @Test
  void anEnvironmentWithMoreVariablesKeepsTheBudget() throws Exception {
    CelEnv env = CelEnv.of(CHANNELS, Map.of(), 3).withVars(Map.of("result", SimpleType.DYN));
    assertThat(env.maxIterations()).isEqualTo(3);
    Expr e = env.compile("result.map(x, x)");
    assertThat(e.eval(Map.of("state", Map.of(), "input", Map.of(), "result", List.of(1L, 2L, 3L)))).asList().hasSize(3);
    assertThatThrownBy(() -> e.eval(Map.of("state", Map.of(), "input", Map.of(), "result", List.of(1L, 2L, 3L, 4L))))
        .hasMessage("expression exceeded 3 iterations (limits.max_cel_iterations)");
  }
}
