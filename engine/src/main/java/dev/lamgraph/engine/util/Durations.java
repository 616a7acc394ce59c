package dev.lamgraph.engine.util;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations written as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}. */
public final class Durations {
  private static final Pattern P = Pattern.compile("^([0-9]+)(ms|s|m|h|d)$");

  private Durations() {}

  public static Optional<Duration> parse(String s) {
    if (s == null) return Optional.empty();
    Matcher m = P.matcher(s.trim());
    if (!m.matches()) return Optional.empty();
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    });
  }

  /** The form a workflow writes it in: {@code 350ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d}. */
  public static String yaml(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0 || ms == 0) return ms + "ms";
    long s = ms / 1000;
    if (s % 86_400 == 0) return (s / 86_400) + "d";
    if (s % 3600 == 0) return (s / 3600) + "h";
    if (s % 60 == 0) return (s / 60) + "m";
    return s + "s";
  }

  /** Short human form: 850µs, 12.3ms, 4.20s, 3m05s (rounded half up; no {@code String.format}: progress lines print it per step). */
  public static String human(long nanos) {
    if (nanos < 1_000_000) return (nanos / 1000) + "µs";
    if (nanos < 999_950_000) return decimals((nanos + 50_000) / 100_000, 1) + "ms";
    if (nanos < 59_995_000_000L) return decimals((nanos + 5_000_000) / 10_000_000, 2) + "s";
    long s = (nanos + 500_000_000L) / 1_000_000_000L; // whole seconds, rounded half up
    long sec = s % 60;
    return (s / 60) + "m" + (sec < 10 ? "0" : "") + sec + "s";
  }

  /** {@code units} / 10^{@code places} with exactly that many decimals: {@code decimals(123, 1)} = "12.3". */
  private static String decimals(long units, int places) {
    long scale = places == 1 ? 10 : 100;
    long frac = units % scale;
    String f = Long.toString(frac);
    return (units / scale) + "." + (f.length() < places ? "0" + f : f);
  }
}
