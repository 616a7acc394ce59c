package dev.lamgraph.engine.work;

import dev.lamgraph.engine.exec.RunResult;

/**
 * What a {@link Worker} does, for its log (the CLI prints one line per call). All methods are optional.
 *
 * <pre>{@code
 * WorkerOptions o = WorkerOptions.defaults().withListener(new WorkerListener() {
 *   public void taken(String thread, String from) { System.out.println("took " + thread); }
 * });
 * }</pre>
 */
public interface WorkerListener {
  WorkerListener NONE = new WorkerListener() {};

  /** The worker took a run; {@code fromWorker} is the holder whose lease expired, or null for a queued run. */
  default void taken(String threadId, String fromWorker) {}

  /** A run ended (done, failed, paused) or stopped between steps because the worker is shutting down. */
  default void ended(String threadId, RunResult result) {}

  /** Another worker took the run over (this worker's lease had expired): nothing more of it was committed here. */
  default void lost(String threadId, String message) {}

  /** The worker failed the run itself: its workflow no longer compiles, or the engine failed. */
  default void failed(String threadId, String message) {}

  /** The store could not be used (e.g. the server is down); the worker retries with backoff. */
  default void storeError(String message) {}
}
