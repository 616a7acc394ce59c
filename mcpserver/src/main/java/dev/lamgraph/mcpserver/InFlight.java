package dev.lamgraph.mcpserver;

import java.time.Duration;

/** A count of the tool calls running, so a server whose client went away can let them finish and answer. */
final class InFlight {
  private int running;

  synchronized void begin() {
    running++;
  }

  synchronized void end() {
    running--;
    notifyAll();
  }

  /** Waits until no call runs; false when {@code max} passed first. */
  synchronized boolean awaitIdle(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (running > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
