package dev.lamgraph.cli;

import dev.lamgraph.engine.util.Redactor;
import java.io.IOException;
import java.io.Writer;

/**
 * The way out of every terminal line {@code lam} prints: text is held until the writer is flushed
 * (a {@code println} on an auto-flushing PrintWriter, or an explicit flush), then passed through
 * {@link Redactor#redact} and written. Whole lines and whole printed values are masked at once, so
 * a secret is never split across two writes. Values that are cut for display (progress lines) are
 * masked before they are cut, see {@link Terminal#redact}.
 */
final class RedactingWriter extends Writer {
  private final Writer out;
  private final Redactor redactor;
  private final StringBuilder pending = new StringBuilder();

  RedactingWriter(Writer out, Redactor redactor) {
    this.out = out;
    this.redactor = redactor;
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
      if (pending.length() > 0) {
        out.write(redactor.redact(pending.toString()));
        pending.setLength(0);
      }
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }
}
