package dev.lamgraph.visualizer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that advances by a fixed tick on every read: traces made with it are byte-for-byte repeatable. */
final class TickingClock extends Clock {
  private Instant now;
  private final long tickMicros;

  TickingClock(Instant start, long tickMicros) {
    this.now = start;
    this.tickMicros = tickMicros;
  }

  @Override
  public synchronized Instant instant() {
    Instant t = now;
    now = now.plusNanos(tickMicros * 1000);
    return t;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
