package dev.lamgraph.engine.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The step path's JSON writer gives, byte for byte, what Jackson ({@link Json#MAPPER}) gives. */
class JsonTextTest {
  private static void same(Object v) throws Exception {
    String jackson = Json.MAPPER.writeValueAsString(v);
    assertThat(JsonText.write(v)).as("%s", v).isEqualTo(jackson);
    assertThat(JsonSize.of(v)).as("length of %s", v).isEqualTo(jackson.length());
  }

  @Test
  void scalarsAndTheirEdgesAreWrittenAsJacksonWritesThem() throws Exception {
    for (Object v : Arrays.asList(null, "", "plain", 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 7, (short) 3, (byte) -2,
        true, false, 0.0, -0.0, 1.5, 1e-7, 1e21, 123456789.125, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.25f, Float.NaN, 3.4e38f)) {
      same(v);
    }
  }

  @Test
  void everyControlCharacterQuoteBackslashAndNonAsciiCharacterIsEscapedAlike() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x300; c++) all.append(c);
    all.append("\u2028\u2029\uD83D\uDE00 lone \uD800 end \uDFFF \u007F/</script>");
    same(all.toString());
    same(Map.of("k\n\"\\\u0001", "v\t\u001F"));
  }

  @Test
  void nestedMapsListsAndSetsKeepTheirOrder() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1L);
    m.put("a", List.of("x", 2L, List.of(), Map.of()));
    m.put("null", null);
    m.put("set", new LinkedHashSet<>(List.of("b", "a")));
    m.put("nested", new LinkedHashMap<>(Map.of("deep", new ArrayList<>(Arrays.asList(null, true, 1.0)))));
    same(m);
    same(List.of(m, m));
    same(new HashMap<>(Map.of("k1", 1L, "k2", 2L, "k3", 3L)));
  }

  @Test
  void valuesThatAreNotPlainJsonGoThroughJacksonUnchanged() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("decimal", new BigDecimal("1.10"));
    m.put("big", new BigInteger("123456789012345678901234567890"));
    m.put("time", Instant.parse("2026-12-02T06:00:00.123Z"));
    m.put("array", new long[] {1, 2});
    m.put("char", 'c');
    same(m);
    same(Map.of(1, "integer key"));
    Map<Object, Object> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    assertThatThrownBy(() -> JsonText.write(nullKey)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("value is not JSON-shaped");
  }

  @Test
  void randomJsonShapedValuesAreWrittenAlike() throws Exception {
    Random r = new Random(42);
    for (int i = 0; i < 2_000; i++) same(random(r, 0));
  }

  private static Object random(Random r, int depth) {
    int kind = r.nextInt(depth > 3 ? 6 : 8);
    return switch (kind) {
      case 0 -> null;
      case 1 -> r.nextBoolean();
      case 2 -> r.nextLong() >> r.nextInt(64);
      case 3 -> switch (r.nextInt(4)) {
        case 0 -> r.nextDouble();
        case 1 -> Double.longBitsToDouble(r.nextLong());
        case 2 -> (double) r.nextInt(1000);
        default -> r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
      };
      case 4, 5 -> randomString(r);
      case 6 -> {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) l.add(random(r, depth + 1));
        yield l;
      }
      default -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(5); i > 0; i--) m.put(randomString(r), random(r, depth + 1));
        yield m;
      }
    };
  }

  private static String randomString(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(12); i > 0; i--) {
      b.append((char) switch (r.nextInt(4)) {
        case 0 -> r.nextInt(0x40);
        case 1 -> 'a' + r.nextInt(26);
        case 2 -> r.nextInt(0x10000);
        default -> "\"\\/\n".charAt(r.nextInt(4));
      });
    }
    return b.toString();
  }
}
