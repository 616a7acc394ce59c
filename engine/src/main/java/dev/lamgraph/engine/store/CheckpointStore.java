package dev.lamgraph.engine.store;

import dev.lamgraph.engine.trace.TraceEvent;
import java.util.List;
import java.util.Optional;

/**
 * Durable threads, checkpoints and trace events. One small interface with SQLite (default),
 * in-memory and PostgreSQL implementations (packages {@code store.sqlite}, {@code store.memory},
 * {@code store.postgres}; a plugin adds one with a {@link StoreProvider}), all held to the same
 * contract test ({@code CheckpointStoreContract} in the engine's test jar: extend it).
 *
 * <p>Rules every implementation keeps:
 * <ul>
 *   <li>{@link #commit} is atomic: the checkpoint, the thread's new step and the events are all
 *       stored, or none is.
 *   <li>{@link #commit} of step {@code n} succeeds only when the thread's last step is {@code n-1}
 *       and {@code owner} owns it; otherwise {@link StoreException.Reason#CONFLICT}: a step is never
 *       applied twice.
 *   <li>Values are opaque JSON strings; the store does not know reducers. They are exact (never
 *       masked); {@link SealedStore} encrypts those that hold a secret before a store sees them.
 * </ul>
 *
 * <pre>{@code
 * try (CheckpointStore store = Stores.open("sqlite:.lam/lam.db")) {
 *   store.create(info, initialCheckpoint, events);
 *   store.commit(id, owner, checkpoint, events);
 * }
 * }</pre>
 */
public interface CheckpointStore extends AutoCloseable {
  /** Creates a thread with its step-0 checkpoint (holding a snapshot). EXISTS if the id is taken. */
  void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events);

  Optional<ThreadInfo> thread(String id);

  /** Every thread, most recently updated first. */
  List<ThreadInfo> threads();

  /**
   * Takes ownership of a thread for running it. Succeeds when it has no owner, when {@code owner}
   * already owns it, or when the current owner is gone ({@code ownerAlive} answers false).
   * Otherwise LOCKED, naming the owner.
   */
  void claim(String threadId, String owner, java.util.function.Predicate<String> ownerAlive);

  /** Gives up ownership (no-op when {@code owner} does not own it). */
  void release(String threadId, String owner);

  /** Commits one step (see the class rules). */
  void commit(String threadId, String owner, Checkpoint checkpoint, List<TraceEvent> events);

  /** Sets the status (and its detail JSON) and appends events, atomically. */
  void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events);

  /** Checkpoints with {@code from <= step <= to}, in step order. */
  List<Checkpoint> checkpoints(String threadId, long from, long to);

  /** The latest checkpoint at or before {@code step} that holds a snapshot. */
  Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step);

  /** Every trace event of the thread, in order. */
  List<TraceEvent> events(String threadId);

  /**
   * Records a completed call in the thread's journal ({@link JournalEntry}). The first entry for a
   * key wins: true when stored, false when the key already had one (which is kept). NOT_FOUND when
   * the thread does not exist. Not tied to a commit: an entry of a step that never commits stays,
   * and is what that step reuses when it runs again.
   */
  boolean journal(String threadId, JournalEntry entry);

  /** The journal entries with {@code from <= step <= to}, ordered by step, node, attempt, call. NOT_FOUND without the thread. */
  List<JournalEntry> journal(String threadId, long from, long to);

  /**
   * Deletes the thread's journal entries of steps {@code >= fromStep} (a failed step about to run
   * again from its start: its calls are made again); returns how many. NOT_FOUND without the thread.
   */
  int forgetJournal(String threadId, long fromStep);

  /**
   * Moves a thread to another workflow text ({@code lam migrate}): its workflow name, file and
   * source change, nothing else. NOT_FOUND when the thread does not exist.
   */
  void setWorkflow(String threadId, String workflow, String file, String source);

  /**
   * Stores a client's labels for thread id {@code id} (a JSON object, opaque to the store; e.g. the
   * metadata {@code lam serve} keeps for a LangGraph thread), replacing any; {@code json} null
   * removes them. Kept apart from threads: {@code id} need not name a stored thread, and
   * {@link #delete} does not remove them.
   */
  void setLabels(String id, String json);

  /** Every id's labels (see {@link #setLabels}), ordered by id. */
  java.util.SortedMap<String, String> labels();

  /** One id's labels (see {@link #setLabels}), if any; a store reads only that one. */
  default Optional<String> label(String id) {
    return Optional.ofNullable(labels().get(id));
  }

  /**
   * A page of the labels (see {@link #setLabels}): at most {@code max}, those whose id comes after
   * {@code after} (null: from the first), in the store's order of ids; an empty page is the end.
   * A caller walks any number of labels holding one page at a time.
   */
  default List<java.util.Map.Entry<String, String>> labelPage(String after, int max) {
    return labels().entrySet().stream().filter(e -> after == null || e.getKey().compareTo(after) > 0).limit(max)
        .map(e -> java.util.Map.entry(e.getKey(), e.getValue())).toList();
  }

  /** Deletes a thread with its checkpoints, events and journal; false when it did not exist. */
  boolean delete(String threadId);

  /**
   * Removes old checkpoints of finished threads, keeping what rebuilds their kept steps (see
   * {@link PruneRule}). A store that cannot prune answers UNAVAILABLE.
   */
  default PruneRule.Result prune(PruneRule rule) {
    throw new StoreException(StoreException.Reason.UNAVAILABLE, "the store " + location()
        + " cannot prune checkpoints yet; a PostgreSQL store can");
  }

  /**
   * Whether this store encrypts the values that hold secrets itself ({@link SealedStore}); a store
   * that composes another answers as that one does.
   */
  default boolean sealsSecrets() {
    return false;
  }

  /**
   * The long-term items kept with the threads (the LangGraph store API of {@code lam serve}); a
   * store without them (a plugin's) throws UNAVAILABLE, naming itself.
   */
  default ItemStore items() {
    throw new StoreException(StoreException.Reason.UNAVAILABLE, location() + " keeps no long-term items (the /store API)");
  }

  /**
   * The scheduled runs kept with the threads ({@code lam serve}'s crons); a store without them (a
   * plugin's) throws UNAVAILABLE, naming itself.
   */
  default CronStore crons() {
    throw new StoreException(StoreException.Reason.UNAVAILABLE, location() + " keeps no crons (the /runs/crons API)");
  }

  /** Where the data lives, for messages (e.g. "sqlite:/home/u/.lam/lam.db"). */
  String location();

  @Override
  void close();
}
