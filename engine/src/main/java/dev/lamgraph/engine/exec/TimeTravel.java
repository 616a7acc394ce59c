package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * History, forks and replays of threads (see {@link Runs#history}, {@link Runs#fork}, {@link
 * Runs#replay}).
 *
 * <p>A fork is a new thread whose history is a copy of the original's checkpoints 0 to N, then
 * one checkpoint by {@code __fork__} holding the edits (they set the channels' values, whatever
 * the reducer); it waits, paused with {@code when: fork}, until it is resumed. The original is
 * never changed. The fork's trace starts with a {@code run_started} event naming the original
 * ({@code forked_from}, {@code from_step}); the original's events are not copied.
 */
final class TimeTravel {
  /** The author of a fork's edits. */
  static final String FORK = "__fork__";

  private final RunContext rc;
  private final Launcher launcher;

  TimeTravel(RunContext rc, Launcher launcher) {
    this.rc = rc;
    this.launcher = launcher;
  }

  List<HistoryEntry> history(String threadId) {
    ThreadInfo t = launcher.thread(threadId);
    return rc.store().checkpoints(threadId, 0, t.step()).stream()
        .map(cp -> new HistoryEntry(cp.step(), cp.ran(), cp.time(), cp.next())).toList();
  }

  RunResult fork(CompiledGraph g, String threadId, long fromStep, Map<String, Object> edits, String newId,
      List<String> next) {
    CheckpointStore store = rc.store();
    ThreadInfo t = launcher.thread(threadId);
    if (fromStep < 0 || fromStep > t.step()) {
      throw new IllegalArgumentException("thread '" + threadId + "' has checkpoints 0 to " + t.step() + "; there is no "
          + "checkpoint " + fromStep + " (`lam history " + threadId + "` lists them)");
    }
    for (String k : edits.keySet()) {
      if (!g.channels().containsKey(k)) {
        throw new IllegalArgumentException("cannot set unknown channel '" + k + "'; declared: "
            + String.join(", ", g.channels().keySet()));
      }
    }
    try {
      StateLog.apply(g, new HashMap<>(), List.of(new StateLog.Write(FORK, edits, true)));
    } catch (StateTypeException e) {
      throw new IllegalArgumentException("the edits do not fit: " + e.getMessage(), e);
    }
    String tooLarge = StateLimits.input(g.limits(), edits, 0, "edit");
    if (tooLarge != null) throw new IllegalArgumentException("the edits do not fit: " + tooLarge);
    String id = newId != null ? ThreadIds.checkNew(newId)
        : ThreadIds.derived(threadId, "-fork" + fromStep + "-" + UUID.randomUUID().toString().substring(0, 4));
    StateLog.At at = StateLog.at(g, store, threadId, fromStep);
    List<Checkpoint> copy = store.checkpoints(threadId, 0, fromStep);
    Instant now = rc.options().clock().instant();
    Executor ex = new Executor(g, rc, id);
    Map<String, Object> started = new LinkedHashMap<>();
    started.put("workflow", t.workflow());
    started.put("input", Json.readMap(t.inputJson()));
    started.put("forked_from", threadId);
    started.put("from_step", fromStep);
    ex.events().add(0, TraceEvent.Kind.RUN_STARTED, null, started);
    store.create(new ThreadInfo(id, t.workflow(), t.file(), t.source(), t.inputJson(), RunStatus.RUNNING, 0, null, null,
        now, now), copy.get(0), ex.events().drain());
    String owner = rc.options().owner();
    store.claim(id, owner, Owner::alive);
    try {
      for (Checkpoint cp : copy.subList(1, copy.size())) store.commit(id, owner, cp, List.of());
      Position pos = Position.at(g, at);
      ex.commitEdit(at.state(), pos, FORK, edits, true, next == null ? pos.frontier() : Frontier.of(Frontier.ordered(g, next)));
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("when", "fork");
      d.put("prompt", "forked from thread '" + threadId + "' at checkpoint " + fromStep + "; resume it to run");
      d.put("step", pos.step()); // the last committed step (the edit's), as for every pause
      d.put("forked_from", threadId);
      d.put("from_step", fromStep);
      if (next != null) d.put("goto", next);
      store.setStatus(id, RunStatus.PAUSED, Json.write(d), ex.drainWith(pos.step(), TraceEvent.Kind.RUN_PAUSED, null, d));
      return new RunResult(id, RunStatus.PAUSED, pos.step(), at.state(), d);
    } catch (StateTypeException | StateBudget.OverLimit e) {
      throw new IllegalArgumentException("the edits do not fit: " + e.getMessage(), e);
    } finally {
      store.release(id, owner);
    }
  }

  ReplayResult replay(CompiledGraph g, String threadId, String newId) throws InterruptedException {
    ThreadInfo t = launcher.thread(threadId);
    if (t.status() != RunStatus.DONE && t.status() != RunStatus.FAILED) {
      throw new IllegalStateException("thread '" + threadId + "' is " + t.status().id() + "; replay runs a finished "
          + "(done or failed) thread again from its start");
    }
    String id = newId != null ? ThreadIds.checkNew(newId)
        : ThreadIds.derived(threadId, "-replay-" + UUID.randomUUID().toString().substring(0, 4));
    // every tool call and model request is answered from the original's journal: nothing is called
    Launcher replaying = new Launcher(rc.replaying(id, threadId));
    RunResult r = replaying.start(g, id, Json.readMap(t.inputJson()), Map.of("replay_of", threadId));
    while (r.status() == RunStatus.PAUSED) { // the original was answered here: give the replay the same answer
      Map<String, Object> answer = RecordedAnswers.at(g, rc.store(), threadId, r);
      if (answer == null) break;
      try {
        r = replaying.resume(g, id, answer);
      } catch (AnswerException e) {
        break; // the workflow changed what it accepts: the replay stays paused and differs
      }
    }
    List<String> diffs = new ArrayList<>();
    if (r.status() != t.status()) diffs.add("status: " + t.status().id() + " vs " + r.status().id()
        + (r.status() == RunStatus.FAILED ? " (" + rc.options().redactor().redact(String.valueOf(r.detail().get("message"))) + ")" : ""));
    String path = pathDifference(threadId, t.step(), id, r.steps());
    if (path != null) diffs.add(path);
    if (r.steps() != t.step()) diffs.add("steps: " + t.step() + " vs " + r.steps());
    // both as stored (exact values; rebuilt the same way)
    Map<String, Object> before = stored(g, threadId, t.step());
    Map<String, Object> after = stored(g, id, r.steps());
    Set<String> keys = new LinkedHashSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String k : keys) {
      if (!Objects.equals(before.get(k), after.get(k))) {
        diffs.add("channel '" + k + "': " + shown(before.get(k)) + " vs " + shown(after.get(k)));
      }
    }
    return new ReplayResult(threadId, id, r, diffs.isEmpty(), diffs);
  }

  /** The first step whose nodes differ ({@code path: step 3 ran [review] vs [publish]}), or null when the paths agree. */
  private String pathDifference(String original, long originalSteps, String replay, long replaySteps) {
    List<Checkpoint> a = rc.store().checkpoints(original, 1, originalSteps);
    List<Checkpoint> b = rc.store().checkpoints(replay, 1, replaySteps);
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      List<String> x = i < a.size() ? a.get(i).ran() : List.of();
      List<String> y = i < b.size() ? b.get(i).ran() : List.of();
      if (!x.equals(y)) {
        long step = (i < a.size() ? a.get(i) : b.get(i)).step();
        return "path: step " + step + " ran " + (i < a.size() ? x : "nothing") + " vs " + (i < b.size() ? y : "nothing");
      }
    }
    return null;
  }

  private Map<String, Object> stored(CompiledGraph g, String thread, long step) {
    return Json.readMap(Json.write(StateLog.at(g, rc.store(), thread, step).state()));
  }

  /** A value for a message: masked before it is cut, so no part of a secret shows. */
  private String shown(Object v) {
    return clip(rc.options().redactor().redact(Json.write(v)));
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
