package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Channels typed by a declared node output shape: checked field reads, map values at run time. */
class CelShapesTest {
  private static final OutputShape VERDICT = new OutputShape("output", "Verdict", Map.of("type", "object", "properties",
      Map.of("approve", Map.of("type", "boolean"), "score", Map.of("type", "number"),
          "feedback", Map.of("type", "array", "items", Map.of("type", "string")),
          "meta", Map.of("type", "object", "properties", Map.of("by", Map.of("type", "string"))))));
  private static final OutputShape PLAN = new OutputShape("output", "Step", Map.of("type", "array", "items",
      Map.of("type", "object", "properties", Map.of("tool", Map.of("type", "string"), "args", Map.of("type", "object")))));

  private static ChannelSpec channel(String name, ValueType type, ReducerKind reducer) {
    return new ChannelSpec(name, type, reducer, null, false, null, null, "", Pos.UNKNOWN);
  }

  private final CelEnv env = CelEnv.of(List.of(channel("verdict", ValueType.OBJECT, ReducerKind.REPLACE),
      channel("plan", ValueType.LIST, ReducerKind.REPLACE), channel("log", ValueType.LIST, ReducerKind.APPEND),
      channel("free", ValueType.OBJECT, ReducerKind.REPLACE)), Map.of(), 1000,
      Map.of("verdict", VERDICT, "plan", PLAN, "log", VERDICT));

  private static Map<String, Object> state() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("approve", true);
    v.put("score", 0.75);
    v.put("feedback", List.of("ok"));
    v.put("meta", Map.of("by", "rules"));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("verdict", v);
    s.put("plan", new ArrayList<>(List.of(Map.of("tool", "grep", "args", Map.of("q", "x")))));
    s.put("log", new ArrayList<>(List.of(v, v)));
    s.put("free", Map.of("anything", 1L));
    return s;
  }

  @Test
  void declaredFieldsTypeCheckAndEvaluateOverPlainMaps() throws Exception {
    assertThat(env.compile("state.verdict.approve && state.verdict.score >= 0.5").eval(state(), Map.of())).isEqualTo(true);
    assertThat(env.compile("state.verdict.feedback[0] + '!'").eval(state(), Map.of())).isEqualTo("ok!");
    assertThat(env.compile("state.verdict.meta.by").eval(state(), Map.of())).isEqualTo("rules");
    assertThat(env.compile("state.plan[0].tool").eval(state(), Map.of())).isEqualTo("grep");
    assertThat(env.compile("state.plan[0].args.q").eval(state(), Map.of())).isEqualTo("x");
    assertThat(env.compile("state.log.filter(v, v.approve).size()").eval(state(), Map.of())).isEqualTo(2L);
    assertThat(env.compile("has(state.verdict.score)").eval(state(), Map.of())).isEqualTo(true);
    assertThat(env.compile("state.free.anything").eval(state(), Map.of())).isEqualTo(1L);
  }

  @Test
  void aFieldTheShapeLacksIsAnOutputFieldErrorWithTheFieldsAndASuggestion() {
    assertThatThrownBy(() -> env.compile("state.verdict.aprove")).isInstanceOfSatisfying(ExprException.class, e -> {
      assertThat(e.outputField()).isTrue();
      assertThat(e.getMessage()).isEqualTo("undefined field 'aprove'; Verdict has: approve, feedback, meta, score;"
          + " did you mean 'approve'?");
      assertThat(e.col()).isEqualTo(15);
    });
    assertThatThrownBy(() -> env.compile("state.plan.map(s, s.tol)")).isInstanceOfSatisfying(ExprException.class, e -> {
      assertThat(e.outputField()).isTrue();
      assertThat(e.getMessage()).contains("Step has: args, tool; did you mean 'tool'?");
    });
    assertThatThrownBy(() -> env.compile("state.verdict.meta.byy")).isInstanceOfSatisfying(ExprException.class,
        e -> assertThat(e.getMessage()).contains("VerdictMeta has: by"));
    assertThatThrownBy(() -> env.compile("state.verdic.approve")).isInstanceOfSatisfying(ExprException.class, e -> {
      assertThat(e.outputField()).isFalse();
      assertThat(e.getMessage()).contains("state has: ").contains("did you mean 'verdict'?");
    });
  }

  @Test
  void aShapedFieldOfTheWrongTypeIsATypeError() {
    assertThatThrownBy(() -> env.compile("state.verdict.score + 'x'")).isInstanceOf(ExprException.class);
  }
}
