package dev.lamgraph.engine.util;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints byte sizes written as {@code 4096}, {@code 512KiB}, {@code 16MiB},
 * {@code 1GiB} (also {@code KB}/{@code MB}/{@code GB}, taken as powers of 1024 too).
 */
public final class Sizes {
  private static final Pattern P = Pattern.compile("^([0-9]{1,9})\\s*(B|KiB|MiB|GiB|KB|MB|GB)?$");

  private Sizes() {}

  /** The number of bytes, or empty for text that is not a size. */
  public static Optional<Long> parse(String s) {
    if (s == null) return Optional.empty();
    Matcher m = P.matcher(s.trim());
    if (!m.matches()) return Optional.empty();
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    long mult = switch (unit.charAt(0)) {
      case 'K' -> 1024L;
      case 'M' -> 1024L * 1024;
      case 'G' -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    return Optional.of(n * mult);
  }

  /** Short human form: {@code 512 B}, {@code 64 KiB}, {@code 1.5 MiB}, {@code 16 MiB}. */
  public static String human(long bytes) {
    if (bytes < 1024) return bytes + " B";
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return v == Math.rint(v) ? (long) v + " " + units[i] : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
