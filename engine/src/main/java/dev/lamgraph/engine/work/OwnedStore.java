package dev.lamgraph.engine.work;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ForwardingStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;

/**
 * The store as one worker sees it: every change of a run's status is checked against the run's
 * owner (as commits already are), so a worker that lost a run to another can neither commit a
 * step nor finish, fail or pause the run. Composes the shared store; closing it closes nothing.
 */
final class OwnedStore extends ForwardingStore {
  private final RunQueue queue;
  private final String owner;

  OwnedStore(CheckpointStore store, RunQueue queue, String owner) {
    super(store);
    this.queue = queue;
    this.owner = owner;
  }

  @Override
  public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
    queue.setStatusAs(threadId, owner, status, detailJson, events);
  }

  @Override
  public void close() {
    // the shared store belongs to whoever opened it
  }
}
