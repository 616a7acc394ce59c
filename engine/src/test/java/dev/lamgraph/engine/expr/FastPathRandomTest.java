package dev.lamgraph.engine.expr;

import static dev.lamgraph.engine.expr.FastPathCheck.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.types.SimpleType;
import dev.lamgraph.engine.expr.FastPathCheck.Outcome;
import dev.lamgraph.engine.spec.ValueType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random expressions built from the fast subset's grammar (plus a few things outside it),
 * each evaluated over several random JSON-shaped states through the fast path and cel-java.
 */
class FastPathRandomTest {
  private static final String[] CHANNELS = {"i", "d", "s", "f", "l", "o", "a"};
  private static final String[] KEYS = {"a", "b", "x", "y"};
  private static final String[] BINARY = {"+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "&&", "||", "in"};
  private static final String[] ATOMS = {"0", "1", "-1", "7", "9223372036854775807", "(-9223372036854775807 - 1)",
      "0.0", "-0.0", "1.5", "1e300", "''", "'a'", "'é😀'", "true", "false", "null", "item", "[]", "{}"};

  private final CelEnv env = CelEnv.of(List.of(channel("i", ValueType.INTEGER, null), channel("d", ValueType.NUMBER, null),
      channel("s", ValueType.STRING, null), channel("f", ValueType.BOOLEAN, null), channel("l", ValueType.LIST, null),
      channel("o", ValueType.OBJECT, null), channel("a", ValueType.ANY, null))).withVars(Map.of("item", SimpleType.DYN));
  private final Random r = new Random(20261202L);

  @Test
  void randomExpressionsAgreeWithCelJava() {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    int compiled = 0;
    for (int n = 0; n < 4000; n++) {
      String src = expr(1 + r.nextInt(4));
      Expr e;
      try {
        e = env.compile(src);
      } catch (ExprException notTyped) {
        continue;
      }
      compiled++;
      for (int k = 0; k < 4; k++) counts.merge(FastPathCheck.compare(e, vars()), 1, Integer::sum);
    }
    System.out.println("random CEL: " + compiled + " compiled, evaluations " + counts);
    assertThat(compiled).isGreaterThan(1500);
    assertThat(counts.getOrDefault(Outcome.FAST, 0)).isGreaterThan(2000);
    assertThat(counts.getOrDefault(Outcome.BACK, 0)).isGreaterThan(500);
    assertThat(counts.getOrDefault(Outcome.NONE, 0)).isGreaterThan(50);
  }

  private String expr(int depth) {
    if (depth == 0 || r.nextInt(10) < 2) return atom();
    String a = expr(depth - 1);
    return switch (r.nextInt(12)) {
      case 0, 1, 2, 3 -> "(" + a + " " + pick(BINARY) + " " + expr(depth - 1) + ")";
      case 4 -> (r.nextBoolean() ? "-" : "!") + a;
      case 5 -> "(" + a + " ? " + expr(depth - 1) + " : " + expr(depth - 1) + ")";
      case 6 -> switch (r.nextInt(5)) {
        case 0 -> "size(" + a + ")";
        case 1 -> a + ".size()";
        case 2 -> "string(" + a + ")";
        case 3 -> "int(" + a + ")";
        default -> "double(" + a + ")";
      };
      case 7 -> a + "[" + expr(depth - 1) + "]";
      case 8 -> "has(" + select() + ")";
      case 9 -> "[" + a + ", " + expr(depth - 1) + "]";
      case 10 -> "{" + (r.nextBoolean() ? "'" + pick(KEYS) + "'" : expr(depth - 1)) + ": " + a + "}";
      default -> a + "." + pick(KEYS);
    };
  }

  private String select() {
    String base = switch (r.nextInt(3)) {
      case 0 -> "state";
      case 1 -> "input";
      default -> "item";
    };
    String s = base + "." + (base.equals("state") ? pick(CHANNELS) : pick(KEYS));
    return r.nextBoolean() ? s : s + "." + pick(KEYS);
  }

  private String atom() {
    return switch (r.nextInt(4)) {
      case 0 -> "state." + pick(CHANNELS);
      case 1 -> "input." + pick(KEYS);
      default -> pick(ATOMS);
    };
  }

  private Map<String, Object> vars() {
    Map<String, Object> state = new LinkedHashMap<>();
    for (String c : CHANNELS) if (r.nextInt(8) > 0) state.put(c, value(c, 2));
    Map<String, Object> input = new HashMap<>();
    for (String k : KEYS) if (r.nextInt(4) > 0) input.put(k, value("a", 2));
    Map<String, Object> vars = new HashMap<>();
    vars.put("state", state);
    vars.put("input", input);
    vars.put("item", value("a", 2));
    return vars;
  }

  /** A value for a channel: mostly of its type, sometimes null or of another type. */
  private Object value(String channel, int depth) {
    int roll = r.nextInt(10);
    if (roll == 0) return null;
    String kind = roll == 1 || channel.equals("a") ? pick(CHANNELS) : channel;
    return switch (kind) {
      case "i" -> pickLong();
      case "d" -> new double[] {0.0, -0.0, 1.5, -2.5, Double.NaN, Double.POSITIVE_INFINITY, 1e300}[r.nextInt(7)];
      case "s" -> new String[] {"", "a", "b", "é", "😀", "ab", "\uFFFF"}[r.nextInt(7)];
      case "f" -> r.nextBoolean();
      case "l" -> {
        List<Object> l = new ArrayList<>();
        for (int j = r.nextInt(4); j > 0 && depth > 0; j--) l.add(value("a", depth - 1));
        yield l;
      }
      case "o" -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int j = r.nextInt(4); j > 0 && depth > 0; j--) m.put(pick(KEYS), value("a", depth - 1));
        yield m;
      }
      default -> r.nextInt(3) == 0 ? Integer.valueOf(3) : pickLong();
    };
  }

  private Long pickLong() {
    long[] v = {0, 1, -1, 2, 7, Long.MAX_VALUE, Long.MIN_VALUE, 1000};
    return v[r.nextInt(v.length)];
  }

  private String pick(String[] a) {
    return a[r.nextInt(a.length)];
  }
}
