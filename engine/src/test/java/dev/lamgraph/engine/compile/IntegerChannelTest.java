package dev.lamgraph.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression (security review): a number beyond the long range ({@code 1.5e300}, which a double
 * holds as a whole number) given to an {@code integer} channel became {@link Long#MAX_VALUE}
 * silently. A whole number in range is its long; any other number is refused, naming it.
 */
class IntegerChannelTest {
  private static Channel channel(ValueType type, ReducerKind reducer, ValueType items) {
    return new Channel(new ChannelSpec("n", type, reducer, null, false, items, null, "", Pos.UNKNOWN));
  }

  private static final Channel N = channel(ValueType.INTEGER, ReducerKind.REPLACE, null);

  @Test
  void aWholeNumberInTheLongRangeIsThatLong() {
    assertThat(N.normalize(3.0)).isEqualTo(3L);
    assertThat(N.normalize(-0.0)).isEqualTo(0L);
    assertThat(N.normalize(1e18)).isEqualTo(1_000_000_000_000_000_000L);
    assertThat(N.normalize(-0x1p63)).isEqualTo(Long.MIN_VALUE);
    assertThat(N.normalize(7)).isEqualTo(7L);
    assertThat(N.normalize(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(N.normalize(new BigInteger("-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
    assertThat(N.normalize(new BigDecimal("12.000"))).isEqualTo(12L);
    for (Object ok : new Object[] {3.0, 1e18, 7, new BigInteger("42")}) assertThat(N.typeError(N.normalize(ok))).isNull();
  }

  @Test
  void aNumberBeyondTheRangeOrWithAFractionIsRefusedNamingIt() {
    assertThat(N.normalize(1.5e300)).isEqualTo(1.5e300);
    assertThat(N.typeError(N.normalize(1.5e300))).isEqualTo("number 1.5E300 (outside the integer range -2^63 to 2^63-1)");
    assertThat(N.typeError(N.normalize(0x1p63))).isEqualTo("number 9.223372036854776E18 (outside the integer range -2^63 to 2^63-1)");
    assertThat(N.typeError(N.normalize(-1e19))).contains("outside the integer range");
    assertThat(N.typeError(N.normalize(Double.POSITIVE_INFINITY))).isEqualTo("number Infinity (outside the integer range -2^63 to 2^63-1)");
    assertThat(N.typeError(N.normalize(new BigInteger("99999999999999999999")))).isEqualTo(
        "number 99999999999999999999 (outside the integer range -2^63 to 2^63-1)");
    assertThat(N.typeError(N.normalize(new BigInteger("9".repeat(500))))).isEqualTo(
        "number 99999999999999999999... (500 characters) (outside the integer range -2^63 to 2^63-1)");
    assertThat(N.typeError(N.normalize(2.5))).isEqualTo("number 2.5 (not a whole number)");
    assertThat(N.typeError(N.normalize(new BigDecimal("2.5")))).isEqualTo("number 2.5 (not a whole number)");
    assertThat(N.typeError(N.normalize(Double.NaN))).isEqualTo("number NaN (not a whole number)");
    assertThat(N.typeError("3")).isEqualTo("string");
  }

  @Test
  void aNodeWritingSuchANumberFailsAndTheStateKeepsItsValue() throws Exception {
    Map<String, Object> s = new HashMap<>(Map.of("n", 5L));
    assertThatThrownBy(() -> N.apply(s, 1.5e300, "calc")).isInstanceOf(StateTypeException.class)
        .hasMessage("node 'calc' wrote number 1.5E300 (outside the integer range -2^63 to 2^63-1) to channel 'n',"
            + " which expects integer");
    assertThatThrownBy(() -> N.replace(s, 2.5, "__fork__")).hasMessageContaining("wrote number 2.5 (not a whole number)");
    assertThat(s).containsEntry("n", 5L);
    N.apply(s, 6.0, "calc");
    assertThat(s).containsEntry("n", 6L);
  }

  @Test
  void anAddChannelRefusesASumThatWouldWrapAround() throws Exception {
    Channel total = channel(ValueType.INTEGER, ReducerKind.ADD, null);
    Map<String, Object> s = new HashMap<>(Map.of("n", Long.MAX_VALUE - 1));
    total.apply(s, 1L, "inc");
    assertThat(s).containsEntry("n", Long.MAX_VALUE);
    assertThatThrownBy(() -> total.apply(s, 1L, "inc")).isInstanceOf(StateTypeException.class)
        .hasMessage("node 'inc' wrote a sum beyond the integer range (9223372036854775807 + 1) to channel 'n',"
            + " which expects integer (add)");
    assertThatThrownBy(() -> total.apply(s, 1e300, "inc")).hasMessageContaining("number 1.0E300 (outside the integer range");
    assertThat(s).containsEntry("n", Long.MAX_VALUE);
  }

  @Test
  void integerItemsFollowTheSameRule() throws Exception {
    Channel ids = channel(ValueType.LIST, ReducerKind.APPEND, ValueType.INTEGER);
    Map<String, Object> s = new HashMap<>();
    ids.apply(s, List.of(1.0, 2L), "n");
    assertThat(s.get("n")).isEqualTo(List.of(1L, 2L));
    assertThatThrownBy(() -> ids.apply(s, List.of(3L, 1.5e300), "n"))
        .hasMessage("node 'n' wrote an item number 1.5E300 (outside the integer range -2^63 to 2^63-1) to channel 'n',"
            + " which expects integer items");
    assertThat(s.get("n")).isEqualTo(List.of(1L, 2L));
  }
}
