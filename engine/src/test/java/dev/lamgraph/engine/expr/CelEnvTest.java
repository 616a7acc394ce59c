package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.types.CelKind;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CelEnvTest {
  private static ChannelSpec channel(String name, ValueType type, ValueType items) {
    return new ChannelSpec(name, type, ReducerKind.REPLACE, null, false, items, null, "", Pos.UNKNOWN);
  }

  private final CelEnv env = CelEnv.of(List.of(
      channel("attempts", ValueType.INTEGER, null),
      channel("score", ValueType.NUMBER, null),
      channel("label", ValueType.STRING, null),
      channel("done", ValueType.BOOLEAN, null),
      channel("log", ValueType.LIST, ValueType.STRING),
      channel("notes", ValueType.OBJECT, null),
      channel("blob", ValueType.ANY, null)));

  private static Map<String, Object> state() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("attempts", 3L);
    s.put("score", 0.5);
    s.put("label", "hi");
    s.put("done", false);
    s.put("log", new ArrayList<>(List.of("a", "b")));
    s.put("notes", new LinkedHashMap<>(Map.of("k", 1L)));
    s.put("blob", 7L);
    return s;
  }

  @Test
  void stateFieldsAreTypedFromChannels() throws Exception {
    assertThat(env.compile("state.attempts + 1").resultType().kind()).isEqualTo(CelKind.INT);
    assertThat(env.compile("state.score * 2.0").resultType().kind()).isEqualTo(CelKind.DOUBLE);
    assertThat(env.compile("state.label").resultType().kind()).isEqualTo(CelKind.STRING);
    assertThat(env.compile("state.done").resultType().kind()).isEqualTo(CelKind.BOOL);
    assertThat(env.compile("state.log[0]").resultType().kind()).isEqualTo(CelKind.STRING);
    assertThat(env.compile("state.notes").resultType().kind()).isEqualTo(CelKind.MAP);
    assertThat(env.compile("state.blob").isDyn()).isTrue();
    assertThat(env.compile("input.x").isDyn()).isTrue();
  }

  @Test
  void evaluatesOverStateAndInput() throws Exception {
    assertThat(env.compile("state.attempts + 1").eval(state(), Map.of())).isEqualTo(4L);
    assertThat(env.compile("state.score * 2.0").eval(state(), Map.of())).isEqualTo(1.0);
    assertThat(env.compile("state.log + [state.label]").eval(state(), Map.of())).isEqualTo(List.of("a", "b", "hi"));
    assertThat(env.compile("state.notes.k + 1").eval(state(), Map.of())).isEqualTo(2L);
    assertThat(env.compile("input.q + '?'").eval(state(), Map.of("q", "why"))).isEqualTo("why?");
    assertThat(env.compile("{'a': [1, 2.5, true, null]}").eval(state(), Map.of()))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null)));
    assertThat(env.compile("state.attempts < 5 && !state.done").test(state(), Map.of())).isTrue();
  }

  @Test
  void standardMacrosAreAvailable() throws Exception {
    assertThat(env.compile("has(state.label) && has(input.q)").eval(state(), Map.of("q", 1L))).isEqualTo(true);
    assertThat(env.compile("state.log.exists(x, x == 'b')").eval(state(), Map.of())).isEqualTo(true);
    assertThat(env.compile("state.log.all(x, size(x) == 1)").eval(state(), Map.of())).isEqualTo(true);
    assertThat(env.compile("state.log.map(x, x + '!')").eval(state(), Map.of())).isEqualTo(List.of("a!", "b!"));
    assertThat(env.compile("state.log.filter(x, x != 'a')").eval(state(), Map.of())).isEqualTo(List.of("b"));
  }

  @Test
  void aTypoInAFieldIsACompileErrorWithItsColumn() {
    assertThatThrownBy(() -> env.compile("1 + state.atempts"))
        .isInstanceOfSatisfying(ExprException.class, e -> {
          assertThat(e.getMessage()).contains("'atempts'").contains("attempts, score");
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.col()).isEqualTo(11); // the 'a' of atempts
        });
  }

  @Test
  void anUnknownVariableNamesTheKnownOnes() {
    assertThatThrownBy(() -> env.compile("stat.attempts"))
        .isInstanceOfSatisfying(ExprException.class, e -> {
          assertThat(e.getMessage()).contains("'stat'").contains("state, input").doesNotContain("container");
          assertThat(e.col()).isEqualTo(1);
        });
  }

  @Test
  void aSyntaxErrorHasLineAndColumn() {
    assertThatThrownBy(() -> env.compile("state.attempts +\n  )"))
        .isInstanceOfSatisfying(ExprException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.col()).isEqualTo(3);
        });
  }

  @Test
  void divisionByZeroIsAnEvalExceptionNamingTheExpression() throws Exception {
    Expr e = env.compile("state.attempts / 0");
    assertThatThrownBy(() -> e.eval(state(), Map.of()))
        .isInstanceOfSatisfying(EvalException.class, x -> {
          assertThat(x.expression()).isEqualTo("state.attempts / 0");
          assertThat(x.getMessage()).isEqualTo("division by zero");
        });
  }

  @Test
  void aMissingKeyIsAnEvalExceptionNamingTheKey() throws Exception {
    Expr e = env.compile("input.missing + 1");
    assertThatThrownBy(() -> e.eval(state(), Map.of("other", 1L)))
        .isInstanceOfSatisfying(EvalException.class, x ->
            assertThat(x.getMessage()).isEqualTo("key 'missing' is not present; guard optional keys with has(), e.g. has(state.x)"));
    Map<String, Object> s = state();
    s.remove("label");
    Expr f = env.compile("state.label + '!'");
    assertThatThrownBy(() -> f.eval(s, Map.of()))
        .isInstanceOfSatisfying(EvalException.class, x -> assertThat(x.getMessage()).startsWith("key 'label' is not present"));
    assertThat(env.compile("has(state.label) ? state.label : 'none'").eval(s, Map.of())).isEqualTo("none");
  }

  @Test
  void aNullInputIsAnEmptyInput() throws Exception {
    assertThat(env.compile("size(input)").eval(state(), null)).isEqualTo(0L);
  }

  @Test
  void aConditionThatIsNotBooleanAtRuntimeIsAnEvalException() throws Exception {
    Expr e = env.compile("state.blob");
    assertThatThrownBy(() -> e.test(state(), Map.of()))
        .isInstanceOfSatisfying(EvalException.class, x -> assertThat(x.getMessage()).contains("integer"));
  }

  @Test
  void evaluationReadsTheLiveStateWithoutCopyingIt() throws Exception {
    List<Object> big = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) big.add("item-" + i);
    Map<String, Object> s = state();
    s.put("log", big);
    assertThat(env.compile("size(state.log)").eval(s, Map.of())).isEqualTo(100_000L);

    // A list and a state map that refuse to be iterated: reading them must not copy them.
    List<Object> noCopy = new AbstractList<>() {
      @Override public Object get(int i) { return "x" + i; }
      @Override public int size() { return 1_000_000; }
      @Override public java.util.Iterator<Object> iterator() { throw new AssertionError("list was copied"); }
      @Override public Object[] toArray() { throw new AssertionError("list was copied"); }
    };
    Map<String, Object> base = state();
    base.put("log", noCopy);
    Map<String, Object> noCopyState = new AbstractMap<>() {
      @Override public Object get(Object k) { return base.get(k); }
      @Override public boolean containsKey(Object k) { return base.containsKey(k); }
      @Override public Set<Entry<String, Object>> entrySet() { throw new AssertionError("state was copied"); }
    };
    assertThat(env.compile("size(state.log)").eval(noCopyState, Map.of())).isEqualTo(1_000_000L);
    assertThat(env.compile("state.log[999999]").eval(noCopyState, Map.of())).isEqualTo("x999999");
  }
}
