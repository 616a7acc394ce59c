package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.store.CheckpointStore;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;

/**
 * What every run of one {@link Runs} shares: the store, the options and the node thread pool, and
 * for a replay the thread whose journal answers each thread's calls ({@code recorded}: thread id
 * to recorded thread id, or null when the thread's calls are made).
 */
record RunContext(CheckpointStore store, RunOptions options, ExecutorService pool, UnaryOperator<String> recorded) {
  RunContext(CheckpointStore store, RunOptions options, ExecutorService pool) {
    this(store, options, pool, t -> null);
  }

  /** The journal of {@code thread}'s calls. */
  Journal journal(String thread) {
    return new Journal(store, thread, recorded.apply(thread), options.clock());
  }

  /** This context answering the calls of thread {@code replay} (and its subgraphs' children) from {@code original}'s journal. */
  RunContext replaying(String replay, String original) {
    return new RunContext(store, options, pool, t -> t.equals(replay) ? original
        : t.startsWith(replay + "/") ? original + t.substring(replay.length()) : null);
  }
}
