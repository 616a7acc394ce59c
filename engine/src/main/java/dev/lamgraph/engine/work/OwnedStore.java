package dev.lamgraph.engine.work;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The store as one worker sees it: every change of a run's status is checked against the run's
 * owner (as commits already are), so a worker that lost a run to another can neither commit a
 * step nor finish, fail or pause the run. Composes the shared store; closing it closes nothing.
 */
final class OwnedStore implements CheckpointStore {
  private final CheckpointStore store;
  private final RunQueue queue;
  private final String owner;

  OwnedStore(CheckpointStore store, RunQueue queue, String owner) {
    this.store = store;
    this.queue = queue;
    this.owner = owner;
  }

  @Override
  public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
    queue.setStatusAs(threadId, owner, status, detailJson, events);
  }

  @Override
  public void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
    store.create(thread, initial, events);
  }

  @Override
  public Optional<ThreadInfo> thread(String id) {
    return store.thread(id);
  }

  @Override
  public List<ThreadInfo> threads() {
    return store.threads();
  }

  @Override
  public void claim(String threadId, String who, Predicate<String> ownerAlive) {
    store.claim(threadId, who, ownerAlive);
  }

  @Override
  public void release(String threadId, String who) {
    store.release(threadId, who);
  }

  @Override
  public void commit(String threadId, String who, Checkpoint checkpoint, List<TraceEvent> events) {
    store.commit(threadId, who, checkpoint, events);
  }

  @Override
  public List<Checkpoint> checkpoints(String threadId, long from, long to) {
    return store.checkpoints(threadId, from, to);
  }

  @Override
  public Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step) {
    return store.snapshotAtOrBefore(threadId, step);
  }

  @Override
  public List<TraceEvent> events(String threadId) {
    return store.events(threadId);
  }

  @Override
  public boolean delete(String threadId) {
    return store.delete(threadId);
  }

  @Override
  public PruneRule.Result prune(PruneRule rule) {
    return store.prune(rule);
  }

  @Override
  public boolean sealsSecrets() {
    return store.sealsSecrets();
  }

  @Override
  public String location() {
    return store.location();
  }

  @Override
  public void close() {
    // the shared store belongs to whoever opened it
  }
}
