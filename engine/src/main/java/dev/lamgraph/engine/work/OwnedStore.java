package dev.lamgraph.engine.work;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ForwardingStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Set;

/**
 * The store as one worker sees it: every change of a run's status is checked against the run's
 * owner (as commits already are), so a worker that lost a run to another can neither commit a
 * step nor finish, fail or pause the run. Composes the shared store; closing it closes nothing.
 *
 * <p>The runs the worker took from the queue ({@code held}) are released by the worker itself,
 * once it is done with them, not by the run when it returns or throws: a worker whose run threw
 * (an engine bug) must still hold it to fail it, or it would be queued again and bounce from
 * worker to worker. Other threads (a subgraph's children) are released as usual.
 */
final class OwnedStore extends ForwardingStore {
  private final RunQueue queue;
  private final String owner;
  private final Set<String> held;

  OwnedStore(CheckpointStore store, RunQueue queue, String owner, Set<String> held) {
    super(store);
    this.queue = queue;
    this.owner = owner;
    this.held = held;
  }

  @Override
  public void release(String threadId, String owner) {
    if (this.owner.equals(owner) && held.contains(threadId)) return; // the worker releases it after failing it if need be
    super.release(threadId, owner);
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
