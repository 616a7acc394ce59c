package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.util.Durations;
import java.time.Duration;

/**
 * When a run must end ({@code limits.timeout}, counted from the start or resume of the run).
 * Both executors bound every node call by it: a node call waits at most {@code min(node timeout,
 * remaining)}, and a node still running when it passes is stopped and fails the run.
 *
 * <pre>{@code
 * RunDeadline d = RunDeadline.after(Duration.ofSeconds(5));
 * d.remainingNanos();             // about 5_000_000_000
 * d.message("act");               // run exceeded limits.timeout (5s) while node 'act' was running; it was stopped
 * }</pre>
 */
public final class RunDeadline {
  /** No limit: {@link #remainingNanos} is always {@link Long#MAX_VALUE}. */
  public static final RunDeadline NONE = new RunDeadline(null, 0);

  private final Duration limit;
  private final long at;

  private RunDeadline(Duration limit, long at) {
    this.limit = limit;
    this.at = at;
  }

  /** A deadline {@code limit} from now; {@link #NONE} when {@code limit} is null. */
  public static RunDeadline after(Duration limit) {
    return limit == null ? NONE : new RunDeadline(limit, System.nanoTime() + limit.toNanos());
  }

  public boolean bounded() {
    return limit != null;
  }

  /** Nanoseconds left (zero or less once passed), {@link Long#MAX_VALUE} when unbounded. */
  public long remainingNanos() {
    return limit == null ? Long.MAX_VALUE : at - System.nanoTime();
  }

  public boolean passed() {
    return remainingNanos() <= 0;
  }

  /** The failure message of a run that passed its deadline between steps. */
  public String message() {
    return "run exceeded limits.timeout (" + (limit == null ? "none" : Durations.yaml(limit)) + ")";
  }

  /** The failure message of a run whose deadline passed while {@code node} was running. */
  public String message(String node) {
    return message() + " while node '" + node + "' was running; it was stopped";
  }
}
