package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nulls held in the state read back as CEL null, at the top level and nested. */
class CelNullReadTest {
  static ChannelSpec ch(String name, ValueType t) {
    return new ChannelSpec(name, t, ReducerKind.REPLACE, null, false, null, null, "", Pos.UNKNOWN);
  }

  @Test
  void nullsInStateCompareEqualToNull() throws Exception {
    CelEnv env = CelEnv.of(List.of(ch("s", ValueType.STRING), ch("bag", ValueType.OBJECT), ch("l", ValueType.LIST)));
    Map<String, Object> state = new HashMap<>();
    state.put("s", null);
    Map<String, Object> bag = new HashMap<>();
    bag.put("k", null);
    bag.put("n", 2L);
    state.put("bag", bag);
    state.put("l", Arrays.asList(null, 1L));
    assertThat(env.compile("state.s == null").eval(state, Map.of())).isEqualTo(true);
    assertThat(env.compile("state.bag.k == null && state.bag.n == 2").eval(state, Map.of())).isEqualTo(true);
    assertThat(env.compile("state.l[0] == null && state.l[1] == 1").eval(state, Map.of())).isEqualTo(true);
    assertThat(env.compile("'k' in state.bag && size(state.bag) == 2").eval(state, Map.of())).isEqualTo(true);
    assertThat(env.compile("state.bag").eval(state, Map.of())).isEqualTo(bag);
  }
}
