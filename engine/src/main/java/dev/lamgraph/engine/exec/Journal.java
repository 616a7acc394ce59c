package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.NotRecordedException;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.JournalEntry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One thread's journal of completed calls, as its executor uses it ({@link
 * dev.lamgraph.engine.node.NodeContext#once}): a call whose key has an entry returns the entry's
 * result; any other is made and its result stored as soon as it returns. The entries of the step
 * being run are read once, when its first call is made (a step run again after a crash finds the
 * calls its first run completed).
 *
 * <p>A replay's journal answers from another thread's entries ({@code recorded}): a call the
 * recording has no entry for (or one of another kind) throws {@link NotRecordedException}, and
 * nothing is called. The answers are journalled in the replay's own thread as well.
 */
final class Journal {
  private final CheckpointStore store;
  private final String thread;
  private final String recorded;
  private final Clock clock;
  private long loadedStep = -1;
  private Map<String, JournalEntry> own = Map.of();
  private Map<String, JournalEntry> original = Map.of();

  /** {@code recorded}: the thread whose entries answer every call (a replay), or null to call. */
  Journal(CheckpointStore store, String thread, String recorded, Clock clock) {
    this.store = store;
    this.thread = thread;
    this.recorded = recorded;
    this.clock = clock;
  }

  String once(long step, String node, int attempt, int call, String kind, Supplier<String> run) {
    String key = step + ":" + node + ":" + attempt + ":" + call;
    JournalEntry done;
    JournalEntry answer;
    synchronized (this) {
      load(step);
      done = own.get(key);
      answer = original.get(key);
    }
    if (done != null && done.kind().equals(kind)) return done.valueJson();
    String value;
    if (recorded != null) {
      if (answer == null || !answer.kind().equals(kind)) {
        throw new NotRecordedException("the recording of thread '" + recorded + "' has no " + kind + " call " + call
            + " of '" + node + "' (attempt " + attempt + ") in step " + step + "; the replay took another path");
      }
      value = answer.valueJson();
    } else {
      value = run.get();
    }
    JournalEntry e = new JournalEntry(step, node, attempt, call, kind, value, clock.instant());
    store.journal(thread, e);
    synchronized (this) {
      if (loadedStep == step) own.put(key, e);
    }
    return value;
  }

  /** Reads the entries of {@code step} (when it is not the step read last). */
  private void load(long step) {
    if (step == loadedStep) return;
    own = index(store.journal(thread, step, step));
    original = recorded == null ? Map.of() : index(store.journal(recorded, step, step));
    loadedStep = step;
  }

  private static Map<String, JournalEntry> index(List<JournalEntry> entries) {
    Map<String, JournalEntry> m = new HashMap<>();
    for (JournalEntry e : entries) m.put(e.key(), e);
    return m;
  }
}
