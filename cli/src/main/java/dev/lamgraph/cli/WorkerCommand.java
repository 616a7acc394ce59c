package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.work.Worker;
import dev.lamgraph.engine.work.WorkerListener;
import dev.lamgraph.engine.work.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lam worker}: takes queued or orphaned runs from a shared store and runs them until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Run submitted workflow runs from a shared store.",
    description = "Takes runs queued by `lam submit` (and runs whose worker died: its lease expired) from a "
        + "shared PostgreSQL store and runs them, --concurrency at a time, printing one line per event. Start "
        + "as many workers as you like, on any machines that reach the store; each step of a run is applied "
        + "exactly once whichever worker dies when. SIGTERM or Ctrl-C stops it gracefully: each current run "
        + "finishes its step and is released for another worker.",
    footer = {"", "Exit codes: 0 stopped, 1 the store cannot be used, 2 usage error.",
        "", "Examples:", "  lam worker --store postgresql://lam@127.0.0.1:5432/lam --concurrency 4",
        "  lam worker --until-idle      # drain the queue, then exit"})
final class WorkerCommand implements Callable<Integer> {
  private final Terminal t;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1", description = "runs executed at once (default 1)")
  int concurrency;

  @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "15s",
      description = "how long a run stays held without a heartbeat before another worker takes it over (default 15s)")
  String lease;

  @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "1s", description = "idle wait between looks at the queue (default 1s)")
  String poll;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "20s",
      description = "on SIGTERM, how long to wait for current steps to finish (default 20s); runs still mid-step are"
          + " then left to their lease")
  String grace;

  @Option(names = "--name", paramLabel = "NAME", description = "the worker's name in `lam runs` (default: pid@host/wXXXX)")
  String name;

  @Option(names = "--until-idle", description = "exit once no submitted run is queued or running")
  boolean untilIdle;

  @Mixin StoreOption store = new StoreOption();

  WorkerCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (concurrency < 1 || concurrency > 256) throw CliException.usage("--concurrency must be from 1 to 256, not " + concurrency);
    Duration leaseD = duration("--lease", lease);
    Duration pollD = duration("--poll", poll);
    Duration graceD = duration("--grace", grace);
    if (leaseD.toMillis() < 1000) throw CliException.usage("--lease must be at least 1s, not " + lease);
    CheckpointStore s = store.open(t);
    try {
      if (!(s instanceof RunQueue queue)) {
        throw CliException.usage("the store " + s.location() + " has no run queue; workers need a PostgreSQL store:"
            + " --store postgresql://USER@HOST:PORT/DB (or LAM_STORE)");
      }
      WorkerOptions o = WorkerOptions.defaults().withCompiler(t.compiler()).withRun(t.runOptions()).withConcurrency(concurrency).withLease(leaseD).withPoll(pollD)
          .withListener(new Log());
      if (name != null) o = o.withName(name);
      t.out().println("worker " + o.name() + " on " + s.location() + ": " + concurrency + " at a time, lease "
          + lease + (untilIdle ? ", until idle" : "; SIGTERM or Ctrl-C stops it after the current steps"));
      Worker w = Worker.start(s, o);
      Thread hook = new Thread(() -> stop(w, graceD), "lam-worker-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      if (!untilIdle) {
        w.awaitStopped();
        return ExitCodes.OK;
      }
      while (!idle(queue)) Thread.sleep(Math.max(100, pollD.toMillis()));
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(w, graceD);
      return ExitCodes.OK;
    } finally {
      s.close();
    }
  }

  private void stop(Worker w, Duration graceD) {
    int n = w.running().size();
    t.out().println("worker " + w.name() + " stopping" + (n == 0 ? "" : ": finishing the current step of " + n + " run"
        + (n == 1 ? "" : "s")));
    boolean clean = w.shutdown(graceD);
    t.out().println("worker " + w.name() + " stopped" + (clean ? "" : "; runs still mid-step are left to their lease"));
    t.out().flush();
  }

  private static boolean idle(RunQueue q) {
    try {
      return q.leases().isEmpty();
    } catch (RuntimeException e) {
      return false; // the store is down: not idle as far as we know
    }
  }

  private static Duration duration(String option, String v) {
    return Durations.parse(v).orElseThrow(() -> CliException.usage(option + " " + v
        + ": expected a number with a unit: ms, s, m, h or d (e.g. 15s)"));
  }

  /** One line per worker event; repeated store errors are printed once per 10 s. */
  private final class Log implements WorkerListener {
    private String lastError;
    private long lastErrorAt;

    @Override
    public void taken(String threadId, String fromWorker) {
      t.out().println(fromWorker == null ? "took " + threadId
          : "took over " + threadId + " from " + fromWorker + " (its lease expired)");
    }

    @Override
    public void ended(String threadId, RunResult r) {
      String what = switch (r.status()) {
        case DONE -> "done after " + r.steps() + " step" + (r.steps() == 1 ? "" : "s");
        case FAILED -> "failed at step " + (r.steps() + 1) + ": " + ErrorHandler.oneLine(r.message());
        case PAUSED -> "paused after step " + r.steps() + ": " + ErrorHandler.oneLine(r.message())
            + " (lam resume " + Shell.quote(threadId) + " --input ...)";
        case RUNNING -> "released after step " + r.steps() + " for another worker";
        case CANCELLED -> "cancelled after step " + r.steps();
      };
      t.out().println(threadId + " " + what);
    }

    @Override
    public void lost(String threadId, String message) {
      t.out().println("lost " + threadId + " to another worker: " + ErrorHandler.oneLine(message));
    }

    @Override
    public void failed(String threadId, String message) {
      t.out().println(threadId + " failed: " + ErrorHandler.oneLine(message));
    }

    @Override
    public synchronized void storeError(String message) {
      long now = System.nanoTime();
      if (message.equals(lastError) && now - lastErrorAt < 10_000_000_000L) return;
      lastError = message;
      lastErrorAt = now;
      t.err().println("lam: store error (retrying): " + ErrorHandler.oneLine(message));
    }
  }
}
