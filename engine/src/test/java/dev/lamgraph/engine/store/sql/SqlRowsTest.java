package dev.lamgraph.engine.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlRowsTest {
  static final List<Instant> TIMES = List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999999Z"),
      Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:00.5Z"),
      Instant.parse("2025-03-01T10:00:00.000000001Z"), Instant.parse("0000-01-01T00:00:00Z"),
      Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T12:34:56.789Z"));

  @Test
  void timesAreFixedWidthAndExact() {
    assertThat(SqlRows.time(Instant.parse("2025-03-01T10:00:00.5Z"))).isEqualTo("2025-03-01T10:00:00.500000000Z");
    assertThat(SqlRows.time(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000000Z");
    for (Instant t : TIMES) {
      assertThat(SqlRows.time(t)).hasSize(30);
      assertThat(SqlRows.instant(SqlRows.time(t))).isEqualTo(t);
    }
  }

  @Test
  void consecutiveTimesInOneSecondAndAcrossSecondsMatchTheIsoForm() {
    java.util.Random r = new java.util.Random(3);
    Instant t = Instant.parse("2026-12-02T06:59:59.999999990Z");
    for (int i = 0; i < 5_000; i++) {
      t = t.plusNanos(r.nextInt(3) == 0 ? r.nextInt(2_000_000_000) : r.nextInt(1_000));
      String iso = java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      assertThat(SqlRows.time(t)).isEqualTo(iso.substring(0, 19) + "." + String.format("%09d", t.getNano()) + "Z");
    }
    Instant before1970 = Instant.parse("1969-12-31T23:59:59.250Z");
    assertThat(SqlRows.time(before1970)).isEqualTo("1969-12-31T23:59:59.250000000Z");
    assertThat(SqlRows.time(before1970.plusMillis(800))).isEqualTo("1970-01-01T00:00:00.050000000Z");
  }

  @Test
  void textOrderIsTimeOrder() {
    List<String> byTime = TIMES.stream().sorted().map(SqlRows::time).toList();
    assertThat(byTime).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void timesOutsideFourDigitYearsAreRefused() {
    assertThatThrownBy(() -> SqlRows.time(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> SqlRows.time(Instant.parse("-0001-12-31T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timesWrittenElsewhereStillParse() {
    assertThat(SqlRows.instant("2025-03-01T10:00:00Z")).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
  }
}
