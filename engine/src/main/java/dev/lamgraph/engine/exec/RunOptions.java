package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.trace.Redactor;
import java.time.Clock;
import java.time.Duration;

/**
 * How runs are executed: clock (fixed in golden tests), secret redaction, progress listener, and
 * the owner name used to lock threads.
 */
public record RunOptions(Clock clock, Redactor redactor, RunListener listener, String owner) {
  public static RunOptions defaults() {
    return new RunOptions(Clock.systemUTC(), Redactor.global(), RunListener.NONE, Owner.self());
  }

  public RunOptions withListener(RunListener l) {
    return new RunOptions(clock, redactor, l, owner);
  }

  public RunOptions withClock(Clock c) {
    return new RunOptions(c, redactor, listener, owner);
  }

  public RunOptions withOwner(String o) {
    return new RunOptions(clock, redactor, listener, o);
  }

  long deadlineNanos(Duration timeout) {
    return timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
  }
}
