package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast path is taken where it should be, and falls back to cel-java's exact errors. */
class FastPathTest {
  private static final Path LOOP = Path.of("../bench/counting-loop.yaml");
  private static final List<String> LOOP_EXPRS =
      List.of("state.count + 1", "['item-' + string(state.count + 1)]", "state.count < input.n");

  private static CelEnv loopEnv() throws Exception {
    CompiledGraph g = Compiler.withDefaults().compile(LOOP);
    return CelEnv.of(g.spec().state().values());
  }

  private static Map<String, Object> state(Object count) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("count", count);
    s.put("items", new ArrayList<>(List.of("item-1")));
    return s;
  }

  @Test
  void theCountingLoopsExpressionsTakeTheFastPath() throws Exception {
    String yaml = Files.readString(LOOP);
    CelEnv env = loopEnv();
    for (String src : LOOP_EXPRS) {
      assertThat(yaml).contains(src);
      Expr e = env.compile(src);
      assertThat(e.isFast()).as(src).isTrue();
      assertThat(e.at(new Pos("loop.yaml", 1, 1)).isFast()).isTrue();
      assertThat(e.evalFast(Map.of("state", state(5L), "input", Map.of("n", 10L)))).as(src).isNotNull();
    }
    Map<String, Object> input = Map.of("n", 10L);
    assertThat(env.compile(LOOP_EXPRS.get(0)).eval(state(5L), input)).isEqualTo(6L);
    assertThat(env.compile(LOOP_EXPRS.get(1)).eval(state(5L), input)).isEqualTo(List.of("item-6"));
    assertThat(env.compile(LOOP_EXPRS.get(2)).test(state(5L), input)).isTrue();
    assertThat(env.compile(LOOP_EXPRS.get(2)).test(state(10L), input)).isFalse();
  }

  @Test
  void overflowFallsBackToCelJavasExactMessage() throws Exception {
    Expr e = loopEnv().compile("state.count + 1");
    Map<String, Object> vars = Map.of("state", state(Long.MAX_VALUE), "input", Map.of());
    assertThat(e.evalFast(vars)).isNull();
    assertThatThrownBy(() -> e.eval(state(Long.MAX_VALUE), Map.of()))
        .isInstanceOf(EvalException.class).hasMessage("long overflow");
  }

  @Test
  void aMissingKeyFallsBackToTheHasHint() throws Exception {
    Expr e = loopEnv().compile("state.count + 1");
    assertThatThrownBy(() -> e.eval(Map.of(), Map.of()))
        .isInstanceOf(EvalException.class)
        .hasMessage("key 'count' is not present; guard optional keys with has(), e.g. has(state.x)");
  }

  @Test
  void resultsAreFreshCopiesNeverTheState() throws Exception {
    CelEnv env = loopEnv();
    Map<String, Object> s = state(1L);
    @SuppressWarnings("unchecked")
    List<Object> items = (List<Object>) env.compile("state.items").eval(s, Map.of());
    assertThat(env.compile("state.items").isFast()).isTrue();
    items.add("mutated");
    assertThat(s.get("items")).isEqualTo(List.of("item-1"));
    Map<String, Object> nested = new LinkedHashMap<>(Map.of("a", new ArrayList<>(List.of(1L))));
    Object copy = env.compile("input.m").eval(s, Map.of("m", nested));
    assertThat(copy).isEqualTo(nested).isNotSameAs(nested);
    assertThat(((Map<?, ?>) copy).get("a")).isNotSameAs(nested.get("a"));
  }

  @Test
  void viewsPassedAsVariablesAreReadThrough() throws Exception {
    Expr e = loopEnv().compile("state.count * 2");
    Map<String, Object> vars = Map.of("state", new CelView.MapView(state(4L)), "input", Map.of());
    assertThat(e.evalFast(vars)).isEqualTo(8L);
    assertThat(e.eval(vars)).isEqualTo(8L);
  }

  @Test
  void comprehensionsStayOnCelJavaWithTheirIterationBudget() throws Exception {
    CelEnv env = CelEnv.of(Compiler.withDefaults().compile(LOOP).spec().state().values(), Map.of(), 3);
    Expr e = env.compile("state.items.map(x, x + '!')");
    assertThat(e.isFast()).isFalse();
    assertThatThrownBy(() -> e.eval(Map.of("count", 1L, "items", List.of("a", "b", "c", "d")), Map.of()))
        .hasMessageContaining("expression exceeded 3 iterations");
  }

  @Test
  void shapedChannelsAreMapReadsOnTheFastPath() throws Exception {
    OutputShape verdict = new OutputShape("output", "Verdict", Map.of("type", "object", "properties",
        Map.of("approve", Map.of("type", "boolean"), "score", Map.of("type", "number"),
            "meta", Map.of("type", "object", "properties", Map.of("by", Map.of("type", "string"))))));
    OutputShape plan = new OutputShape("output", "Step", Map.of("type", "array", "items",
        Map.of("type", "object", "properties", Map.of("tool", Map.of("type", "string")))));
    CelEnv env = CelEnv.of(List.of(FastPathCheck.channel("verdict", ValueType.OBJECT, null),
        FastPathCheck.channel("plan", ValueType.LIST, null), FastPathCheck.channel("free", ValueType.OBJECT, null)),
        Map.of(), 1000, Map.of("verdict", verdict, "plan", plan));
    Map<String, Object> good = new LinkedHashMap<>();
    good.put("approve", true);
    good.put("score", 0.5);
    good.put("meta", Map.of("by", "rules"));
    Map<String, Object> odd = new LinkedHashMap<>();
    odd.put("approve", null);
    odd.put("score", 1L);
    Map<String, Object> empty = new LinkedHashMap<>();
    Map<String, Map<String, Object>> verdicts = Map.of("good", good, "odd", odd, "empty", empty);
    // outcome, verdict map, expression
    List<String> rows = List.of(
        "F good state.verdict.approve", "F good state.verdict.score > 0.25", "F good state.verdict",
        "F good state.verdict.meta.by + '!'", "F good has(state.verdict.score)", "F good has(state.verdict.meta)",
        "F good state.plan[0].tool", "F good state.verdict.approve ? 'yes' : 'no'", "F good state.verdict.approve == true",
        "F good {'v': state.verdict, 'n': size(state.plan)}", "F good state.free.a + 1", "F odd has(state.verdict.approve)",
        "F odd state.verdict.approve", "F empty has(state.verdict.score)",
        "B odd state.verdict.score > 0.25", "B odd state.verdict.approve ? 1 : 2", "B empty state.verdict.approve",
        "B empty state.verdict.meta.by", "B good state.verdict == state.verdict", "B good state.plan[1].tool");
    for (String row : rows) {
      String[] p = row.split(" ", 3);
      Map<String, Object> state = Map.of("verdict", verdicts.get(p[1]), "plan", List.of(Map.of("tool", "grep")),
          "free", Map.of("a", 1L));
      Expr e = env.compile(p[2]);
      assertThat(FastPathCheck.compare(e, Map.of("state", state, "input", Map.of())))
          .as(row).isEqualTo(p[0].equals("F") ? FastPathCheck.Outcome.FAST : FastPathCheck.Outcome.BACK);
    }
  }
}
