package dev.lamgraph.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.types.CelKind;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13: the CEL extension libraries (strings, lists, math, sets, encoders, regex), each example of the README. */
class CelExtensionsTest {
  private final CelEnv env = CelEnv.of(List.of(
      new ChannelSpec("title", ValueType.STRING, ReducerKind.REPLACE, null, false, null, null, "", Pos.UNKNOWN),
      new ChannelSpec("scores", ValueType.LIST, ReducerKind.REPLACE, null, false, ValueType.INTEGER, null, "", Pos.UNKNOWN),
      new ChannelSpec("hotels", ValueType.LIST, ReducerKind.REPLACE, null, false, null, null, "", Pos.UNKNOWN)), Map.of(), 1000);

  private Object eval(String src) throws Exception {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("title", "  Hello, World  ");
    s.put("scores", List.of(3L, 1L, 2L, 3L));
    s.put("hotels", List.of(Map.of("name", "B", "price", 90L), Map.of("name", "A", "price", 120L)));
    return env.compile(src).eval(s, Map.of());
  }

  @Test
  void strings() throws Exception {
    assertThat(eval("state.title.trim().lowerAscii()")).isEqualTo("hello, world");
    assertThat(eval("state.title.trim().upperAscii()")).isEqualTo("HELLO, WORLD");
    assertThat(eval("'a,b,c'.split(',')")).isEqualTo(List.of("a", "b", "c"));
    assertThat(eval("['a', 'b'].join('-')")).isEqualTo("a-b");
    assertThat(eval("'lamgraph'.substring(3)")).isEqualTo("graph");
    assertThat(eval("'lamgraph'.substring(0, 3)")).isEqualTo("lam");
    assertThat(eval("'a-b-c'.replace('-', '+')")).isEqualTo("a+b+c");
    assertThat(eval("'lamgraph'.indexOf('g')")).isEqualTo(3L);
    assertThat(eval("'lamgraph'.lastIndexOf('a')")).isEqualTo(5L);
    assertThat(eval("'abc'.charAt(1)")).isEqualTo("b");
    assertThat(eval("'abc'.reverse()")).isEqualTo("cba");
    assertThat(eval("strings.quote('say \"hi\"')")).isEqualTo("\"say \\\"hi\\\"\"");
  }

  @Test
  void lists() throws Exception {
    assertThat(eval("state.scores.sort()")).isEqualTo(List.of(1L, 2L, 3L, 3L));
    assertThat(eval("state.scores.distinct()")).isEqualTo(List.of(3L, 1L, 2L));
    assertThat(eval("state.scores.reverse()")).isEqualTo(List.of(3L, 2L, 1L, 3L));
    assertThat(eval("state.scores.slice(1, 3)")).isEqualTo(List.of(1L, 2L));
    assertThat(eval("[[1, 2], [3]].flatten()")).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(eval("lists.range(3)")).isEqualTo(List.of(0L, 1L, 2L));
    assertThat(eval("state.hotels.sortBy(h, h.price)")).isEqualTo(List.of(Map.of("name", "B", "price", 90L), Map.of("name", "A", "price", 120L)));
    // cel-java 0.14 types sortBy's items as lists: read fields of the sorted items through dyn() (README)
    assertThat(eval("dyn(state.hotels.sortBy(h, -h.price)).map(h, h.name)")).isEqualTo(List.of("A", "B"));
    assertThat(eval("state.scores.sort()[0] + 10")).isEqualTo(11L);
  }

  @Test
  void mathSetsEncodersRegex() throws Exception {
    assertThat(eval("math.greatest(state.scores)")).isEqualTo(3L);
    assertThat(eval("math.least(4, 2, 8)")).isEqualTo(2L);
    assertThat(eval("math.round(2.5)")).isEqualTo(3.0);
    assertThat(eval("math.ceil(1.2)")).isEqualTo(2.0);
    assertThat(eval("math.abs(-4)")).isEqualTo(4L);
    assertThat(eval("math.sqrt(16)")).isEqualTo(4.0);
    assertThat(eval("sets.contains(state.scores, [1, 2])")).isEqualTo(true);
    assertThat(eval("sets.intersects(state.scores, [7, 3])")).isEqualTo(true);
    assertThat(eval("sets.equivalent([1, 2, 2], [2, 1])")).isEqualTo(true);
    assertThat(eval("base64.encode(b'hi')")).isEqualTo("aGk=");
    assertThat(eval("string(base64.decode('aGk='))")).isEqualTo("hi");
    assertThat(eval("regex.replace('order A-7 and A-8', 'A-(\\\\d)', 'B-\\\\1')")).isEqualTo("order B-7 and B-8");
    assertThat(eval("regex.extractAll('A-7 A-8', 'A-\\\\d')")).isEqualTo(List.of("A-7", "A-8"));
  }

  @Test
  void extensionsAreTypeCheckedAtCompileTime() throws Exception {
    assertThat(env.compile("state.title.split(' ')").resultType().kind()).isEqualTo(CelKind.LIST);
    assertThat(env.compile("math.greatest(state.scores)").resultType().kind()).isIn(CelKind.INT, CelKind.DYN);
    assertThatThrownBy(() -> env.compile("state.title.lowerAscii(1)")).isInstanceOf(ExprException.class)
        .hasMessageContaining("found no matching overload for 'lowerAscii'");
    assertThatThrownBy(() -> env.compile("state.scores.join(',')")).isInstanceOf(ExprException.class)
        .hasMessageContaining("found no matching overload for 'join'");
  }

  @Test
  void rangeIsBoundedByTheIterationBudget() {
    assertThatThrownBy(() -> eval("lists.range(1000000000)")).isInstanceOf(EvalException.class)
        .hasMessageContaining("lists.range(1000000000) is longer than limits.max_cel_iterations (1000)");
  }
}
