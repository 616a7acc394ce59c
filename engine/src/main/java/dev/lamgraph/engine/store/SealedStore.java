package dev.lamgraph.engine.store;

import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link CheckpointStore} that keeps exact values yet never holds a secret in plaintext: a
 * value written to the store (a step's writes, a snapshot, a thread's input, a status detail) that
 * contains a registered secret ({@link Redactor#secretsIn}) is stored as an AES-256-GCM envelope
 * ({@link SecretSeal}) with a key from {@link StoreKeys}; every other value is stored as is. Values
 * read back are opened exactly, and the secrets an opened value names are registered with the
 * redactor, so a process that inspects a thread masks them in its output. Trace events are not
 * touched: they are output and are masked when recorded.
 *
 * <p>Composes any store (this is the one place values are encoded for secrets); a store that is a
 * {@link RunQueue} stays one. {@link Stores#open} and {@code Runs} wrap the stores they use.
 *
 * <pre>{@code
 * CheckpointStore store = SealedStore.wrap(SqliteStore.open(path), secrets, env);
 * }</pre>
 */
public class SealedStore extends ForwardingStore {
  private final Redactor secrets;
  private final StoreKeys keys;

  SealedStore(CheckpointStore inner, Redactor secrets, StoreKeys keys) {
    super(inner);
    this.secrets = secrets;
    this.keys = keys;
  }

  /**
   * {@code store} sealing the secrets {@code secrets} knows, with the keys {@code env} gives
   * ({@link StoreKeys}); a store that already seals is returned as is.
   */
  public static CheckpointStore wrap(CheckpointStore store, Redactor secrets, Map<String, String> env) {
    if (store.sealsSecrets()) return store;
    StoreKeys keys = StoreKeys.forLocation(store.location(), env);
    return store instanceof RunQueue ? new Queue(store, secrets, keys) : new SealedStore(store, secrets, keys);
  }

  @Override
  public boolean sealsSecrets() {
    return true;
  }

  @Override
  public void create(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
    delegate().create(seal(thread), seal(thread.id(), initial), events);
  }

  @Override
  public Optional<ThreadInfo> thread(String id) {
    return delegate().thread(id).map(this::open);
  }

  /**
   * Every thread; one whose input or detail cannot be opened (no key here) is still listed, with
   * input {@code {}} and a detail naming the problem ({@code {"kind":"sealed","message":...}}), so
   * one thread cannot hide the others. {@link #thread} is strict.
   */
  @Override
  public List<ThreadInfo> threads() {
    List<ThreadInfo> out = new ArrayList<>();
    for (ThreadInfo t : delegate().threads()) {
      try {
        out.add(open(t));
      } catch (StoreException e) {
        String detail = Json.write(Map.of("kind", "sealed", "message", e.getMessage()));
        out.add(new ThreadInfo(t.id(), t.workflow(), t.file(), t.source(), "{}", t.status(), t.step(), detail, t.owner(),
            t.created(), t.updated()));
      }
    }
    return out;
  }

  @Override
  public void commit(String threadId, String owner, Checkpoint checkpoint, List<TraceEvent> events) {
    delegate().commit(threadId, owner, seal(threadId, checkpoint), events);
  }

  @Override
  public void setStatus(String threadId, RunStatus status, String detailJson, List<TraceEvent> events) {
    delegate().setStatus(threadId, status, sealDetail(threadId, detailJson), events);
  }

  @Override
  public List<Checkpoint> checkpoints(String threadId, long from, long to) {
    List<Checkpoint> out = new ArrayList<>();
    for (Checkpoint cp : delegate().checkpoints(threadId, from, to)) out.add(open(threadId, cp));
    return out;
  }

  @Override
  public Optional<Checkpoint> snapshotAtOrBefore(String threadId, long step) {
    return delegate().snapshotAtOrBefore(threadId, step).map(cp -> open(threadId, cp));
  }

  /** A journal entry holding a secret is sealed as a checkpoint's values are. */
  @Override
  public boolean journal(String threadId, JournalEntry entry) {
    return delegate().journal(threadId, entry.withValue(seal(entry.valueJson(), threadId, journalField(entry), entry.step())));
  }

  @Override
  public List<JournalEntry> journal(String threadId, long from, long to) {
    List<JournalEntry> out = new ArrayList<>();
    for (JournalEntry e : delegate().journal(threadId, from, to)) {
      String v = open(e.valueJson(), threadId, journalField(e), e.step());
      out.add(v == e.valueJson() ? e : e.withValue(v));
    }
    return out;
  }

  private static String journalField(JournalEntry e) {
    return "journal\u0000" + e.node() + "\u0000" + e.attempt() + "\u0000" + e.call();
  }

  // --- encoding: the one place values are sealed and opened

  ThreadInfo seal(ThreadInfo t) {
    String input = seal(t.inputJson(), t.id(), "input", -1);
    String detail = sealDetail(t.id(), t.detailJson());
    if (input == t.inputJson() && detail == t.detailJson()) return t;
    return new ThreadInfo(t.id(), t.workflow(), t.file(), t.source(), input, t.status(), t.step(), detail, t.owner(),
        t.created(), t.updated());
  }

  String sealDetail(String threadId, String detailJson) {
    return seal(detailJson, threadId, "detail", -1);
  }

  Checkpoint seal(String threadId, Checkpoint cp) {
    String writes = seal(cp.writesJson(), threadId, "writes", cp.step());
    String snapshot = seal(cp.snapshotJson(), threadId, "snapshot", cp.step());
    if (writes == cp.writesJson() && snapshot == cp.snapshotJson()) return cp;
    return new Checkpoint(cp.step(), cp.ran(), writes, cp.next(), cp.time(), snapshot);
  }

  private ThreadInfo open(ThreadInfo t) {
    String input = open(t.inputJson(), t.id(), "input", -1);
    String detail = open(t.detailJson(), t.id(), "detail", -1);
    if (input == t.inputJson() && detail == t.detailJson()) return t;
    return new ThreadInfo(t.id(), t.workflow(), t.file(), t.source(), input, t.status(), t.step(), detail, t.owner(),
        t.created(), t.updated());
  }

  private Checkpoint open(String threadId, Checkpoint cp) {
    String writes = open(cp.writesJson(), threadId, "writes", cp.step());
    String snapshot = open(cp.snapshotJson(), threadId, "snapshot", cp.step());
    if (writes == cp.writesJson() && snapshot == cp.snapshotJson()) return cp;
    return new Checkpoint(cp.step(), cp.ran(), writes, cp.next(), cp.time(), snapshot);
  }

  private String seal(String value, String threadId, String field, long step) {
    List<String> found = secrets.secretsIn(value);
    if (found.isEmpty()) return value;
    return SecretSeal.seal(keys.forSealing(what(threadId, field, step)), value, found, aad(threadId, field, step));
  }

  private String open(String stored, String threadId, String field, long step) {
    if (!SecretSeal.isSealed(stored)) return stored;
    SecretSeal.Opened o = SecretSeal.open(keys, stored, aad(threadId, field, step), what(threadId, field, step));
    for (String s : o.secrets()) secrets.addSecret(s);
    return o.value();
  }

  private static String aad(String threadId, String field, long step) {
    return threadId + "\u0000" + field + "\u0000" + step;
  }

  private static String what(String threadId, String field, long step) {
    if (field.startsWith("journal")) return "a journalled call of step " + step + " of thread '" + threadId + "'";
    return switch (field) {
      case "writes" -> "the writes of step " + step + " of thread '" + threadId + "'";
      case "snapshot" -> "the state snapshot of step " + step + " of thread '" + threadId + "'";
      case "input" -> "the input of thread '" + threadId + "'";
      default -> "the status detail of thread '" + threadId + "'";
    };
  }

  /** A sealing {@link RunQueue} store (PostgreSQL): the queue's writes are sealed too. */
  static final class Queue extends SealedStore implements RunQueue {
    private final RunQueue queue;

    Queue(CheckpointStore inner, Redactor secrets, StoreKeys keys) {
      super(inner, secrets, keys);
      this.queue = (RunQueue) inner;
    }

    @Override
    public void submit(ThreadInfo thread, Checkpoint initial, List<TraceEvent> events) {
      queue.submit(seal(thread), seal(thread.id(), initial), events);
    }

    @Override
    public Optional<Taken> take(String worker, Duration lease) {
      return queue.take(worker, lease);
    }

    @Override
    public Set<String> renew(String worker, Collection<String> threadIds, Duration lease) {
      return queue.renew(worker, threadIds, lease);
    }

    @Override
    public void setStatusAs(String threadId, String owner, RunStatus status, String detailJson, List<TraceEvent> events) {
      queue.setStatusAs(threadId, owner, status, sealDetail(threadId, detailJson), events);
    }

    @Override
    public Map<String, Lease> leases() {
      return queue.leases();
    }
  }
}
