package dev.lamgraph.server.crons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {
  /** The next {@code n} firings after {@code from} (UTC). */
  static List<String> firings(String schedule, String from, int n) {
    CronSchedule s = CronSchedule.parse(schedule);
    List<String> out = new ArrayList<>();
    Instant t = Instant.parse(from);
    for (int i = 0; i < n; i++) {
      t = s.next(t, ZoneOffset.UTC);
      out.add(t.toString());
    }
    return out;
  }

  @Test
  void everyMinuteAndSteps() {
    assertThat(firings("* * * * *", "2026-01-01T10:07:30Z", 2)).containsExactly("2026-01-01T10:08:00Z", "2026-01-01T10:09:00Z");
    assertThat(firings("*/15 * * * *", "2026-01-01T10:07:00Z", 3))
        .containsExactly("2026-01-01T10:15:00Z", "2026-01-01T10:30:00Z", "2026-01-01T10:45:00Z");
    assertThat(firings("5/20 * * * *", "2026-01-01T10:00:00Z", 4))
        .containsExactly("2026-01-01T10:05:00Z", "2026-01-01T10:25:00Z", "2026-01-01T10:45:00Z", "2026-01-01T11:05:00Z");
    assertThat(firings("1-10/3 0 * * *", "2026-01-01T00:00:00Z", 5))
        .containsExactly("2026-01-01T00:01:00Z", "2026-01-01T00:04:00Z", "2026-01-01T00:07:00Z", "2026-01-01T00:10:00Z",
            "2026-01-02T00:01:00Z");
  }

  @Test
  void aSlotIsStrictlyAfter() {
    assertThat(firings("0 9 * * *", "2026-01-01T09:00:00Z", 1)).containsExactly("2026-01-02T09:00:00Z");
    assertThat(firings("0 9 * * *", "2026-01-01T08:59:59.999Z", 1)).containsExactly("2026-01-01T09:00:00Z");
  }

  @Test
  void namesListsAndWeekdays() {
    // 2026-01-02 is a Friday
    assertThat(firings("0 9 * * MON-FRI", "2026-01-02T09:00:00Z", 2)).containsExactly("2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z");
    assertThat(firings("30 12 * jan,JUL sun", "2026-01-05T00:00:00Z", 2)).containsExactly("2026-01-11T12:30:00Z", "2026-01-18T12:30:00Z");
    assertThat(firings("0 0 * * 7", "2026-01-01T00:00:00Z", 1)).containsExactly("2026-01-04T00:00:00Z");
    assertThat(firings("0 0 * * 0", "2026-01-01T00:00:00Z", 1)).containsExactly("2026-01-04T00:00:00Z");
    assertThat(firings("0 0 1 */3 *", "2026-01-01T00:00:00Z", 3))
        .containsExactly("2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z");
  }

  @Test
  void bothDayFieldsRestrictedMatchEither() {
    // the 13th or any Friday (cron's OR rule); a * day of month leaves only the weekday
    assertThat(firings("0 0 13 * 5", "2026-01-01T00:00:00Z", 3))
        .containsExactly("2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z");
    assertThat(firings("0 0 * * 5", "2026-01-01T00:00:00Z", 2)).containsExactly("2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z");
    assertThat(firings("0 0 */10 * 5", "2026-01-01T00:00:00Z", 2)).containsExactly("2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z");
  }

  @Test
  void rareDaysAndShorthands() {
    assertThat(firings("0 0 29 2 *", "2026-01-01T00:00:00Z", 2)).containsExactly("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z");
    assertThat(firings("0 0 31 * *", "2026-01-31T00:00:00Z", 2)).containsExactly("2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z");
    assertThat(firings("@daily", "2026-01-01T10:00:00Z", 1)).containsExactly("2026-01-02T00:00:00Z");
    assertThat(firings("@hourly", "2026-01-01T10:00:00Z", 1)).containsExactly("2026-01-01T11:00:00Z");
    assertThat(firings("@weekly", "2026-01-01T10:00:00Z", 1)).containsExactly("2026-01-04T00:00:00Z");
    assertThat(firings("@yearly", "2026-01-01T10:00:00Z", 1)).containsExactly("2027-01-01T00:00:00Z");
  }

  @Test
  void aZoneReadsTheScheduleInItsWallClock() {
    CronSchedule s = CronSchedule.parse("0 9 * * *");
    assertThat(s.next(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("Europe/Paris"))).isEqualTo("2026-01-01T08:00:00Z");
    assertThat(s.next(Instant.parse("2026-07-01T00:00:00Z"), ZoneId.of("Europe/Paris"))).isEqualTo("2026-07-01T07:00:00Z");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "* * * *|has 4",
      "* * * * * *|has 6",
      "60 * * * *|minute 60 is out of range 0-59",
      "* 24 * * *|hour 24 is out of range 0-23",
      "* * 0 * *|day of month 0 is out of range 1-31",
      "* * * 13 *|month 13 is out of range 1-12",
      "* * * * 8|day of week 8 is out of range 0-7",
      "a * * * *|bad minute 'a'",
      "5-1 * * * *|runs backwards",
      "*/0 * * * *|minute 0 is out of range 1-60",
      "1,,2 * * * *|bad minute ''",
      "0 0 30 2 *|never fires",
      "@often|unknown schedule shorthand",
      "' '|the schedule is empty"})
  void badSchedulesSayWhy(String schedule, String message) {
    assertThatThrownBy(() -> CronSchedule.parse(schedule)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message).message().doesNotContain("\n");
  }
}
