package dev.lamgraph.engine.expr;

import static dev.lamgraph.engine.expr.FastPathCheck.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.types.SimpleType;
import dev.lamgraph.engine.expr.FastPathCheck.Outcome;
import dev.lamgraph.engine.spec.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hand-written table of expressions, each run through the fast path and cel-java: {@code F}
 * rows must succeed on the fast path with cel-java's exact result, {@code B} rows must make the
 * fast path decline at run time (cel-java then gives its result or error), {@code N} rows are
 * outside the subset.
 */
class FastPathTableTest {
  static final CelEnv ENV = CelEnv.of(List.of(
      channel("count", ValueType.INTEGER, null), channel("items", ValueType.LIST, null),
      channel("name", ValueType.STRING, null), channel("ratio", ValueType.NUMBER, null),
      channel("flag", ValueType.BOOLEAN, null), channel("obj", ValueType.OBJECT, null),
      channel("nums", ValueType.LIST, ValueType.INTEGER), channel("maybe", ValueType.STRING, null),
      channel("absent", ValueType.INTEGER, null), channel("big", ValueType.INTEGER, null),
      channel("neg", ValueType.INTEGER, null), channel("uni", ValueType.STRING, null),
      channel("empty", ValueType.STRING, null), channel("elist", ValueType.LIST, null),
      channel("emap", ValueType.OBJECT, null), channel("nan", ValueType.NUMBER, null),
      channel("negz", ValueType.NUMBER, null), channel("odd", ValueType.INTEGER, null),
      channel("intish", ValueType.INTEGER, null), channel("blob", ValueType.ANY, null)))
      .withVars(Map.of("item", SimpleType.DYN, "result", SimpleType.DYN));

  static Map<String, Object> vars() {
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("a", 1L);
    obj.put("b", new LinkedHashMap<>(Map.of("c", "x")));
    obj.put("n", null);
    obj.put("l", new ArrayList<>(List.of(1L, 2L)));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("count", 5L);
    s.put("items", new ArrayList<>(List.of("item-0", "item-1")));
    s.put("name", "lam");
    s.put("ratio", 0.5);
    s.put("flag", true);
    s.put("obj", obj);
    s.put("nums", new ArrayList<>(List.of(3L, 1L, 2L)));
    s.put("maybe", null);
    s.put("big", Long.MAX_VALUE);
    s.put("neg", Long.MIN_VALUE);
    s.put("uni", "héllo😀");
    s.put("empty", "");
    s.put("elist", new ArrayList<>());
    s.put("emap", new LinkedHashMap<>());
    s.put("nan", Double.NaN);
    s.put("negz", -0.0);
    s.put("odd", 5.0);
    s.put("intish", 7);
    s.put("blob", Arrays.asList("z", null, 9L));
    Map<String, Object> in = new HashMap<>();
    in.put("n", 1000L);
    in.put("d", 2.5);
    in.put("s", "abc");
    in.put("b", true);
    in.put("nul", null);
    in.put("l", Arrays.asList(1L, "two", 3.0, null, List.of(4L), Map.of("k", "v")));
    in.put("m", Map.of("a", 1L, "b", Map.of("c", "x")));
    in.put("zero", 0L);
    in.put("nan", Double.NaN);
    in.put("i", 3);
    in.put("emoji", "😀");
    in.put("fff", "\uFFFF");
    in.put("big", Long.MAX_VALUE);
    Map<String, Object> vars = new HashMap<>();
    vars.put("state", s);
    vars.put("input", in);
    vars.put("item", Map.of("id", 7L, "tags", List.of("a", "b")));
    vars.put("result", "done");
    return vars;
  }

  static Stream<String> rows() {
    return Stream.of(FastPathRows.ROWS.split("\n")).map(String::strip).filter(r -> !r.isEmpty());
  }

  @ParameterizedTest
  @MethodSource("rows")
  void fastPathAgreesWithCelJava(String row) throws ExprException {
    Outcome expected = switch (row.charAt(0)) {
      case 'F' -> Outcome.FAST;
      case 'B' -> Outcome.BACK;
      case 'N' -> Outcome.NONE;
      default -> throw new IllegalArgumentException(row);
    };
    Expr e = ENV.compile(row.substring(2).strip());
    assertThat(FastPathCheck.compare(e, vars())).as(row).isEqualTo(expected);
  }
}
