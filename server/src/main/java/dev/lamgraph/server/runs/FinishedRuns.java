package dev.lamgraph.server.runs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the finished runs a {@link RunManager} keeps in memory, oldest first. Each run kept
 * holds all its events (a whole state per step for {@code values}), so a server that ran for long
 * would otherwise hold every run it ever ran: past {@link #DEFAULT} (or what {@link #keep} says) the
 * oldest leave, and a request naming one finds it from the store by its id, as a restarted server
 * does ({@link RunRecovery}). The A2A tasks of a server are bounded the same way, by their ids.
 */
public final class FinishedRuns {
  /** How many finished runs stay in memory unless told otherwise. */
  public static final int DEFAULT = 1000;
  private final ArrayDeque<String> order = new ArrayDeque<>();
  private int keep = DEFAULT;

  /** Records that {@code runId} finished; returns the ids that leave memory now. */
  public synchronized List<String> add(String runId) {
    order.remove(runId);
    order.add(runId);
    List<String> out = new ArrayList<>();
    while (order.size() > keep) out.add(order.poll());
    return out;
  }

  /** How many finished ids stay (at least one). */
  public synchronized void keep(int n) {
    if (n < 1) throw new IllegalArgumentException("keep at least one finished run, not " + n);
    keep = n;
  }

  /** How many finished ids stay. */
  public synchronized int keep() {
    return keep;
  }
}
