package dev.lamgraph.engine.work;

import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import java.time.Duration;

/**
 * A worker process for the chaos test (the CLI's {@code lam worker} with the test's {@code nap}
 * node type): {@code WorkerMain URL CONCURRENCY LEASE_MS POLL_MS}. Logs one line per event on
 * stdout; SIGTERM shuts it down gracefully.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    CheckpointStore store = Stores.open(args[0], System.getenv());
    WorkerListener log = new WorkerListener() {
      @Override
      public void taken(String threadId, String fromWorker) {
        System.out.println(fromWorker == null ? "took " + threadId : "took-over " + threadId + " from " + fromWorker);
      }

      @Override
      public void ended(String threadId, RunResult r) {
        System.out.println((r.stopped() ? "released " : "ended ") + threadId + " " + r.status().id() + " " + r.steps());
      }

      @Override
      public void lost(String threadId, String message) {
        System.out.println("lost " + threadId + ": " + message);
      }

      @Override
      public void failed(String threadId, String message) {
        System.out.println("failed " + threadId + ": " + message);
      }

      @Override
      public void storeError(String message) {
        System.out.println("store-error " + message);
      }
    };
    Worker w = Worker.start(store, WorkerOptions.defaults().withConcurrency(Integer.parseInt(args[1]))
        .withLease(Duration.ofMillis(Long.parseLong(args[2]))).withPoll(Duration.ofMillis(Long.parseLong(args[3])))
        .withCompiler(NapType.compiler()).withListener(log));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      boolean clean = w.shutdown(Duration.ofSeconds(20));
      store.close();
      System.out.println("stopped " + (clean ? "clean" : "with runs mid-step"));
      System.out.flush();
    }));
    System.out.println("ready " + w.name());
    System.out.flush();
    w.awaitStopped();
  }
}
