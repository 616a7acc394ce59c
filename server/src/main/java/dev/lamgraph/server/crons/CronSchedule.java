package dev.lamgraph.server.crons;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A standard 5-field cron schedule: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or
 * JAN-DEC), day of week (0-7, 0 and 7 = Sunday, or SUN-SAT). A field is {@code *}, a value, a range
 * {@code a-b}, any of these with a step ({@code * /15}, {@code 1-30/5}, {@code 5/10} = from 5 to the
 * end), or a comma list of them; {@code @hourly}, {@code @daily} ({@code @midnight}), {@code
 * @weekly}, {@code @monthly}, {@code @yearly} ({@code @annually}) are shorthands. As in cron, when
 * both day fields are restricted (neither starts with {@code *}) a day matching either fires.
 *
 * <pre>{@code
 * CronSchedule s = CronSchedule.parse("0 9 * * MON-FRI");
 * s.next(Instant.parse("2026-01-02T09:00:00Z"), ZoneOffset.UTC);   // 2026-01-05T09:00:00Z (a Monday)
 * }</pre>
 */
public final class CronSchedule {
  private static final Map<String, String> MACROS = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *");
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
      "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** Far enough for any satisfiable schedule (Feb 29 on a given weekday repeats within 28 years). */
  private static final int HORIZON_YEARS = 30;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domStar;
  private final boolean dowStar;

  private CronSchedule(String text, String[] f) {
    this.text = text;
    minutes = field(f[0], "minute", 0, 59, null);
    hours = field(f[1], "hour", 0, 23, null);
    daysOfMonth = field(f[2], "day of month", 1, 31, null);
    months = field(f[3], "month", 1, 12, MONTHS);
    BitSet dow = field(f[4], "day of week", 0, 7, DAYS);
    if (dow.get(7)) dow.set(0);
    daysOfWeek = dow;
    domStar = f[2].startsWith("*");
    dowStar = f[4].startsWith("*");
  }

  /** Parses a schedule; IllegalArgumentException with a one-line reason when it is not one. */
  public static CronSchedule parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("the schedule is empty");
    String t = text.strip();
    String expanded = t.startsWith("@") ? MACROS.get(t.toLowerCase(Locale.ROOT)) : t;
    if (expanded == null) throw new IllegalArgumentException("unknown schedule shorthand '" + t + "'");
    String[] f = expanded.split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("a schedule has 5 fields (minute hour day-of-month month day-of-week), '"
          + t + "' has " + f.length);
    }
    CronSchedule s = new CronSchedule(t, f);
    if (s.next(Instant.EPOCH, java.time.ZoneOffset.UTC) == null) {
      throw new IllegalArgumentException("schedule '" + t + "' never fires (no such day)");
    }
    return s;
  }

  /** The schedule as written. */
  public String text() {
    return text;
  }

  /** The first firing strictly after {@code after}, in {@code zone}'s wall-clock time; null if none within 30 years. */
  public Instant next(Instant after, ZoneId zone) {
    LocalDateTime t = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDateTime end = t.plusYears(HORIZON_YEARS);
    while (t.isBefore(end)) {
      if (!months.get(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        Instant at = t.atZone(zone).toInstant();
        if (at.isAfter(after)) return at;
        t = t.plusMinutes(1);
      }
    }
    return null;
  }

  private boolean dayMatches(LocalDate d) {
    boolean dom = daysOfMonth.get(d.getDayOfMonth());
    boolean dow = daysOfWeek.get(d.getDayOfWeek().getValue() % 7);
    if (domStar && dowStar) return true;
    if (domStar) return dow;
    if (dowStar) return dom;
    return dom || dow;
  }

  private static BitSet field(String f, String name, int min, int max, List<String> names) {
    BitSet out = new BitSet(max + 1);
    for (String part : f.split(",", -1)) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), name, 1, max + 1 - min, null, part);
      }
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = min;
        hi = max;
      } else if (range.indexOf('-') > 0) {
        int dash = range.indexOf('-');
        lo = number(range.substring(0, dash), name, min, max, names, part);
        hi = number(range.substring(dash + 1), name, min, max, names, part);
        if (hi < lo) throw new IllegalArgumentException(name + " range '" + part + "' runs backwards");
      } else {
        lo = number(range, name, min, max, names, part);
        hi = slash >= 0 ? max : lo;
      }
      for (int v = lo; v <= hi; v += step) out.set(v);
    }
    return out;
  }

  private static int number(String s, String name, int min, int max, List<String> names, String part) {
    if (names != null) {
      int i = names.indexOf(s.toUpperCase(Locale.ROOT));
      if (i >= 0) return names == MONTHS ? i + 1 : i;
    }
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 4) {
      throw new IllegalArgumentException("bad " + name + " '" + part + "' (expected *, a number, a-b, a list or a /step)");
    }
    int v = Integer.parseInt(s);
    if (v < min || v > max) throw new IllegalArgumentException(name + " " + v + " is out of range " + min + "-" + max);
    return v;
  }

  @Override
  public String toString() {
    return text;
  }
}
