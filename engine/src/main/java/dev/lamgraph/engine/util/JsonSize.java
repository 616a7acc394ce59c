package dev.lamgraph.engine.util;

import java.io.IOException;
import java.io.Writer;

/**
 * The length of a value's JSON (as {@link Json#write} writes it), counted without building the
 * string.
 *
 * <pre>{@code
 * long n = JsonSize.of(Map.of("a", List.of(1, 2))); // 11: {"a":[1,2]}
 * }</pre>
 */
public final class JsonSize {
  private JsonSize() {}

  public static long of(Object v) {
    Counter c = new Counter();
    try {
      Json.MAPPER.writeValue(c, v);
    } catch (IOException e) {
      throw new IllegalArgumentException("value is not JSON-shaped: " + e.getMessage(), e);
    }
    return c.n;
  }

  private static final class Counter extends Writer {
    long n;

    @Override
    public void write(char[] buf, int off, int len) {
      n += len;
    }

    @Override
    public void write(String s, int off, int len) {
      n += len;
    }

    @Override
    public void write(int c) {
      n++;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
