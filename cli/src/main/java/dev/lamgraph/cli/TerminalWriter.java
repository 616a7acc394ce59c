package dev.lamgraph.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A {@link PrintWriter} on a {@link RedactingWriter} that hands it every finished line
 * ({@code println}) and every {@code printf}/{@code format} as one unit to mask and pass on;
 * {@link #flush()} also pushes everything to the process. When this is standard error, standard
 * output is flushed before each unit, so the two keep their order in a shared log
 * ({@code 2>&1}).
 */
final class TerminalWriter extends PrintWriter {
  private final RedactingWriter masked;
  private final PrintWriter before;

  TerminalWriter(RedactingWriter masked, PrintWriter before) {
    super(masked, false);
    this.masked = masked;
    this.before = before;
  }

  @Override
  public void println() {
    synchronized (lock) {
      super.println();
      unit();
    }
  }

  @Override
  public PrintWriter format(String format, Object... args) {
    synchronized (lock) {
      super.format(format, args);
      unit();
    }
    return this;
  }

  @Override
  public PrintWriter format(Locale l, String format, Object... args) {
    synchronized (lock) {
      super.format(l, format, args);
      unit();
    }
    return this;
  }

  private void unit() {
    if (before != null) before.flush();
    try {
      masked.unitDone();
    } catch (java.io.IOException e) {
      setError();
    }
  }
}
