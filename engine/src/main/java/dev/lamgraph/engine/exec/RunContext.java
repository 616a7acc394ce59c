package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.store.CheckpointStore;
import java.util.concurrent.ExecutorService;

/** What every run of one {@link Runs} shares: the store, the options and the node thread pool. */
record RunContext(CheckpointStore store, RunOptions options, ExecutorService pool) {}
