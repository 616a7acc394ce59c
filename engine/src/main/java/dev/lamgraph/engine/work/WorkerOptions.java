package dev.lamgraph.engine.work;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.Owner;
import dev.lamgraph.engine.exec.RunOptions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link Worker} works.
 *
 * <pre>{@code
 * WorkerOptions o = WorkerOptions.defaults().withConcurrency(4).withLease(Duration.ofSeconds(15));
 * }</pre>
 *
 * @param name the owner name of the runs it holds (unique per worker process), shown by {@code lam runs}
 * @param concurrency how many runs it executes at once
 * @param lease how long a run stays held without a heartbeat; another worker takes it over after that.
 *     The heartbeat renews every lease/3
 * @param poll how long an idle slot waits before looking at the queue again (with jitter)
 * @param compiler compiles each run's stored workflow source
 * @param run clock, redaction and listener of the runs (owner and stop are set by the worker)
 */
public record WorkerOptions(String name, int concurrency, Duration lease, Duration poll, Compiler compiler,
    RunOptions run, WorkerListener listener) {
  public WorkerOptions {
    if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    if (lease.toMillis() < 300) throw new IllegalArgumentException("lease must be at least 300 ms, not " + lease);
  }

  /**
   * One run at a time, a 15 s lease, 1 s poll, the node types on the class path, a generated name,
   * and no environment variables ({@link Compiler#withDefaults()}); {@link #withCompiler} and
   * {@link #withRun} hand in an environment and redactor.
   */
  public static WorkerOptions defaults() {
    return new WorkerOptions(newName(), 1, Duration.ofSeconds(15), Duration.ofSeconds(1), Compiler.withDefaults(),
        RunOptions.defaults(), WorkerListener.NONE);
  }

  /** {@code pid@host/wXXXX}: the process plus a random tag, so a restarted worker never reuses a name. */
  public static String newName() {
    return Owner.self() + "/w" + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xF000));
  }

  public WorkerOptions withName(String n) {
    return new WorkerOptions(n, concurrency, lease, poll, compiler, run, listener);
  }

  public WorkerOptions withConcurrency(int c) {
    return new WorkerOptions(name, c, lease, poll, compiler, run, listener);
  }

  public WorkerOptions withLease(Duration l) {
    return new WorkerOptions(name, concurrency, l, poll, compiler, run, listener);
  }

  public WorkerOptions withPoll(Duration p) {
    return new WorkerOptions(name, concurrency, lease, p, compiler, run, listener);
  }

  public WorkerOptions withCompiler(Compiler c) {
    return new WorkerOptions(name, concurrency, lease, poll, c, run, listener);
  }

  /** The runs' options (clock, redactor, listener, environment): the CLI's {@code lam worker} hands in its session's. */
  public WorkerOptions withRun(RunOptions r) {
    return new WorkerOptions(name, concurrency, lease, poll, compiler, r, listener);
  }

  public WorkerOptions withListener(WorkerListener l) {
    return new WorkerOptions(name, concurrency, lease, poll, compiler, run, l);
  }
}
