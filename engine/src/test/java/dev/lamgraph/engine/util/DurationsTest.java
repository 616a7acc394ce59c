package dev.lamgraph.engine.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The short human form of a duration, printed per step by progress lines. */
class DurationsTest {
  @Test
  void humanFormsAtEachScaleAndBoundary() {
    assertThat(Durations.human(0)).isEqualTo("0µs");
    assertThat(Durations.human(999_999)).isEqualTo("999µs");
    assertThat(Durations.human(1_000_000)).isEqualTo("1.0ms");
    assertThat(Durations.human(12_345_678)).isEqualTo("12.3ms");
    assertThat(Durations.human(12_350_000)).isEqualTo("12.4ms"); // half up
    assertThat(Durations.human(999_949_999)).isEqualTo("999.9ms");
    assertThat(Durations.human(999_950_000)).isEqualTo("1.00s"); // not "1000.0ms"
    assertThat(Durations.human(4_204_000_000L)).isEqualTo("4.20s");
    assertThat(Durations.human(4_005_000_000L)).isEqualTo("4.01s");
    assertThat(Durations.human(59_994_999_999L)).isEqualTo("59.99s");
    assertThat(Durations.human(59_995_000_000L)).isEqualTo("1m00s");
    assertThat(Durations.human(185_000_000_000L)).isEqualTo("3m05s");
    assertThat(Durations.human(3_600_000_000_000L)).isEqualTo("60m00s");
  }

  @Test
  void agreesWithTheFormattedDecimalFormItReplacesExceptOnExactTies() {
    Random r = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long ms = 1_000_000 + (long) (r.nextDouble() * 998_000_000);
      if (ms % 100_000 == 50_000) continue; // an exact tie: a formatted double may round either way
      assertThat(Durations.human(ms)).isEqualTo(String.format(Locale.ROOT, "%.1fms", ms / 1e6));
      long s = 1_000_000_000L + (long) (r.nextDouble() * 58_000_000_000L);
      if (s % 10_000_000 == 5_000_000) continue;
      assertThat(Durations.human(s)).isEqualTo(String.format(Locale.ROOT, "%.2fs", s / 1e9));
    }
  }
}
