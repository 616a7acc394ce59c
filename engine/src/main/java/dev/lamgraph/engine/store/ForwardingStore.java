package dev.lamgraph.engine.store;

import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A store that composes another and forwards every call to it: a decorator overrides only what it
 * changes ({@link SealedStore} seals values on the way in and opens them on the way out; a
 * worker's store checks ownership on status changes).
 *
 * <pre>{@code
 * final class Counting extends ForwardingStore {
 *   Counting(CheckpointStore s) { super(s); }
 *   @Override public void commit(String t, String o, Checkpoint c, List<TraceEvent> e) { n++; super.commit(t, o, c, e); }
 * }
 * }</pre>
 */
public abstract class ForwardingStore implements CheckpointStore {
  private final CheckpointStore delegate;

  protected ForwardingStore(CheckpointStore delegate) {
    this.delegate = delegate;
  }

  /** The store this one composes. */
  public CheckpointStore delegate() {
    return delegate;
  }

  @Override
  public void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
    delegate.create(thread, initial, events);
  }

  @Override
  public Optional<ThreadInfo> thread(String id) {
    return delegate.thread(id);
  }

  @Override
  public List<ThreadInfo> threads() {
    return delegate.threads();
  }

  @Override
  public void claim(String threadId, String owner, Predicate<String> ownerAlive) {
    delegate.claim(threadId, owner, ownerAlive);
  }

  @Override
  public void release(String threadId, String owner) {
    delegate.release(threadId, owner);
  }

  @Override
  public void commit(String threadId, String owner, Checkpoint checkpoint, List<TraceEvent> events) {
    delegate.commit(threadId, owner, checkpoint, events);
  }

  @Override
  public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
    delegate.setStatus(threadId, status, detailJson, events);
  }

  @Override
  public List<Checkpoint> checkpoints(String threadId, long from, long to) {
    return delegate.checkpoints(threadId, from, to);
  }

  @Override
  public Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step) {
    return delegate.snapshotAtOrBefore(threadId, step);
  }

  @Override
  public List<TraceEvent> events(String threadId) {
    return delegate.events(threadId);
  }

  @Override
  public boolean journal(String threadId, JournalEntry entry) {
    return delegate.journal(threadId, entry);
  }

  @Override
  public List<JournalEntry> journal(String threadId, long from, long to) {
    return delegate.journal(threadId, from, to);
  }

  @Override
  public int forgetJournal(String threadId, long fromStep) {
    return delegate.forgetJournal(threadId, fromStep);
  }

  @Override
  public void setWorkflow(String threadId, String workflow, String file, String source) {
    delegate.setWorkflow(threadId, workflow, file, source);
  }

  @Override
  public void setLabels(String id, String json) {
    delegate.setLabels(id, json);
  }

  @Override
  public java.util.SortedMap<String, String> labels() {
    return delegate.labels();
  }

  @Override
  public Optional<String> label(String id) {
    return delegate.label(id);
  }

  @Override
  public List<java.util.Map.Entry<String, String>> labelPage(String after, int max) {
    return delegate.labelPage(after, max);
  }

  @Override
  public boolean delete(String threadId) {
    return delegate.delete(threadId);
  }

  @Override
  public PruneRule.Result prune(PruneRule rule) {
    return delegate.prune(rule);
  }

  @Override
  public boolean sealsSecrets() {
    return delegate.sealsSecrets();
  }

  @Override
  public ItemStore items() {
    return delegate.items();
  }

  @Override
  public CronStore crons() {
    return delegate.crons();
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
