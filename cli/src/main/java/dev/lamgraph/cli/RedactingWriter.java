package dev.lamgraph.cli;

import dev.lamgraph.engine.util.Redactor;
import java.io.IOException;
import java.io.Writer;

/**
 * The way out of every terminal line {@code lam} prints: text is held until a unit ends (a line,
 * a {@code printf}: {@link #unitDone}, called by {@link TerminalWriter}) or the writer is flushed,
 * then passed through {@link Redactor#redact} and written. Whole lines and whole printed values are
 * masked at once, so a secret is never split across two writes. Values that are cut for display
 * (progress lines) are masked before they are cut, see {@link Terminal#redact}.
 *
 * <p>On a terminal ({@code eachUnit}) every unit reaches the process at once. Otherwise (a file, a
 * pipe) masked units collect in the underlying writer's buffer and reach the process when it
 * fills, on {@link #flush}, or at the latest {@link #LATEST_MS} ms later (a daemon thread): no
 * system call per progress line on the step path, and a pipe to a viewer still sees lines soon.
 */
final class RedactingWriter extends Writer {
  /** At most this long between a unit and its arrival when output is not a terminal. */
  static final long LATEST_MS = 100;

  private final Writer out;
  private final Redactor redactor;
  private final boolean eachUnit;
  private final StringBuilder pending = new StringBuilder();
  private boolean held;
  private Thread flusher;

  RedactingWriter(Writer out, Redactor redactor, boolean eachUnit) {
    this.out = out;
    this.redactor = redactor;
    this.eachUnit = eachUnit;
  }

  /** A unit (line, formatted value) is complete: mask it and pass it on (to the process at once on a terminal). */
  void unitDone() throws IOException {
    synchronized (lock) {
      if (eachUnit) {
        flush();
        return;
      }
      pass();
      if (!held) {
        held = true;
        if (flusher == null) startFlusher();
        lock.notifyAll();
      }
    }
  }

  private void pass() throws IOException {
    if (pending.length() > 0) {
      out.write(redactor.redact(pending.toString()));
      pending.setLength(0);
    }
  }

  private void startFlusher() {
    flusher = new Thread(() -> {
      try {
        synchronized (lock) {
          while (true) {
            while (!held) lock.wait();
            lock.wait(LATEST_MS);
            if (held) flush();
          }
        }
      } catch (InterruptedException | IOException e) {
        // the process is ending (or its output is gone): the last flush happens on exit
      }
    }, "lam-output");
    flusher.setDaemon(true);
    flusher.start();
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    synchronized (lock) {
      pending.append(cbuf, off, len);
    }
  }

  @Override
  public void write(String s, int off, int len) {
    synchronized (lock) {
      pending.append(s, off, off + len);
    }
  }

  @Override
  public void flush() throws IOException {
    synchronized (lock) {
      pass();
      out.flush();
      held = false;
    }
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }
}
