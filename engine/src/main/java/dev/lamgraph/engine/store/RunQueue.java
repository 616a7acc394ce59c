package dev.lamgraph.engine.store;

import dev.lamgraph.engine.trace.TraceEvent;
import java.time.Duration;
import java.util.Collection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A queue of submitted runs that workers share, with leases: a store that can serve several
 * workers implements it next to {@link CheckpointStore} (the PostgreSQL store does).
 *
 * <p>A worker {@link #take}s a queued run (or one whose holder's lease expired), holding it as
 * its owner; it {@link #renew}s its leases while it works and {@link CheckpointStore#release}s a
 * run it stops working on. Every {@link CheckpointStore#commit} checks the owner in the same
 * transaction, so once another worker has taken a run over, the old holder can commit nothing
 * more: no step is applied twice, and a step that was not committed runs again on the new holder.
 *
 * <pre>{@code
 * RunQueue q = (RunQueue) Stores.open("postgresql://lam@127.0.0.1:5432/lam");
 * q.submit(info, initialCheckpoint, events);                 // `lam submit`
 * Optional<RunQueue.Taken> t = q.take("w1", Duration.ofSeconds(15));  // `lam worker`
 * q.renew("w1", Set.of(t.get().threadId()), Duration.ofSeconds(15)); // every few seconds
 * }</pre>
 */
public interface RunQueue {
  /** A run a worker has taken; {@code previousOwner} is the worker whose lease expired, or null. */
  record Taken(String threadId, String previousOwner) {}

  /**
   * A submitted run that has not ended (status running).
   *
   * @param owner the worker (or process) holding it, or null while it waits in the queue
   * @param until when the holder's lease expires (server time), or null
   * @param expired whether {@code until} has passed: the holder is presumed dead
   */
  record Lease(String threadId, String owner, Instant until, boolean expired) {}

  /** Creates a thread as {@link CheckpointStore#create} does and queues it for workers, atomically. */
  void submit(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events);

  /**
   * Takes the oldest queued run that nobody holds or whose holder's lease expired, for {@code
   * lease}; empty when there is none. Concurrent takers never get the same run.
   */
  Optional<Taken> take(String worker, Duration lease);

  /**
   * Extends the leases of the given runs that {@code worker} still holds; returns those ids. Only
   * the runs it is executing: a run it holds but lost track of (its release failed during an
   * outage) must expire, so it is taken again.
   */
  Set<String> renew(String worker, Collection<String> threadIds, Duration lease);

  /** {@link CheckpointStore#setStatus} that only {@code owner} may do: CONFLICT when another holds the thread. */
  void setStatusAs(String threadId, String owner, RunStatus status, String detailJson, List<TraceEvent> events);

  /** Submitted runs still running (queued or held), by thread id. */
  Map<String, Lease> leases();
}
