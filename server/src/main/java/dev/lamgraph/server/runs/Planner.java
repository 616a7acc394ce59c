package dev.lamgraph.server.runs;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.AnswerException;
import dev.lamgraph.engine.exec.InputCheck;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.compile.StateTypeException;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.threads.GraphCache;
import dev.lamgraph.server.threads.ThreadBook;
import dev.lamgraph.server.workflows.ServedWorkflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decides a run's {@link Plan} from the thread's head and the request; refuses (4xx) what cannot run. */
final class Planner {
  private final ThreadBook book;
  private final GraphCache graphs;
  private final RunOptions options;

  Planner(ThreadBook book, GraphCache graphs, RunOptions options) {
    this.book = book;
    this.graphs = graphs;
    this.options = options;
  }

  Plan plan(String threadId, ServedWorkflow w, RunRequest r, ServerRun replacing) {
    ThreadInfo head = book.head(threadId).orElse(null);
    if (head != null && w != null && !w.name().equals(head.workflow())) {
      throw ApiException.conflict("thread '" + threadId + "' runs workflow '" + head.workflow() + "', not '" + w.name() + "'");
    }
    if (r.gotoNodes() != null) return goTo(threadId, head, r);
    if (r.checkpointId() != null) {
      ThreadBook.Located at = book.locate(threadId, r.checkpointId());
      if (at.step() == ThreadBook.ROOT) return fromRoot(threadId, w, head, r);
      ThreadInfo from = book.store().thread(at.link()).orElseThrow();
      CompiledGraph g = graphs.of(from);
      StateLog.At state = StateLog.at(g, book.store(), from.id(), at.step());
      if (state.checkpoint().next().isEmpty() && r.input() != null && !r.hasCommand()) {
        // new input at a checkpoint where the run had ended (an edited message): a new turn from there, as on the head
        return continuation(threadId, w, head, from.id(), at.step(), r);
      }
      Map<String, Object> edits = reduced(g, state.state(), changes(r));
      return linked(threadId, new Plan(Plan.Kind.FORK, g, book.nextLink(threadId), from.id(), at.step(), answer(r), edits,
          at.step() + 1));
    }
    if (head == null) {
      if (w == null) throw ApiException.invalid("assistant_id is required for the first run of thread '" + threadId + "'");
      if (!w.runnable()) throw ApiException.invalid("workflow '" + w.name() + "' does not compile");
      checkEnv(w);
      Map<String, Object> input = r.input() == null ? Map.of() : r.input();
      checkInput(w.graph(), input);
      return new Plan(Plan.Kind.START, w.graph(), threadId, null, 0, input, Map.of(), -1);
    }
    if (replacing != null && "rollback".equals(replacing.cancelAction) && replacing.link != null) {
      return continuation(threadId, w, head, replacing.link, Math.max(0, replacing.startStep), r);
    }
    boolean fresh = r.input() != null && !r.hasCommand();
    switch (head.status()) {
      case PAUSED -> {
        if (fresh) return continuation(threadId, w, head, head.id(), head.step(), r);
        return resume(head, answer(r));
      }
      case RUNNING -> {
        if (head.owner() != null && !head.owner().equals(options.owner()) && dev.lamgraph.engine.exec.Owner.alive(head.owner())) {
          throw ApiException.conflict("thread '" + threadId + "' is running in " + head.owner());
        }
        return fresh ? continuation(threadId, w, head, head.id(), head.step(), r) : resume(head, Map.of());
      }
      case FAILED -> {
        return fresh ? continuation(threadId, w, head, head.id(), head.step(), r) : resume(head, Map.of());
      }
      default -> {
        return continuation(threadId, w, head, head.id(), head.step(), r);
      }
    }
  }

  /**
   * A workflow served without the environment it needs (compiled for inspection: its models'
   * variables are MISSING_ENV warnings) cannot start a run: 422 naming the variables, as {@code
   * lam run} refuses up front.
   */
  private static void checkEnv(ServedWorkflow w) {
    List<String> missing = w.diagnostics().stream().filter(d -> dev.lamgraph.nodes.NodesCodes.MISSING_ENV.equals(d.code()))
        .map(dev.lamgraph.engine.node.Diagnostic::message).distinct().toList();
    if (!missing.isEmpty()) {
      throw new ApiException(422, "workflow '" + w.name() + "' cannot run: " + String.join("; ", missing)
          + " (set the variables where lam serve runs)", Map.of("problems", missing));
    }
  }

  /**
   * {@code command.goto}: a fork at the checkpoint (default: the head) with {@code command.update}
   * as its edits, whose run goes to the named nodes instead of what the checkpoint runs next.
   */
  private Plan goTo(String threadId, ThreadInfo head, RunRequest r) {
    if (head == null) throw ApiException.invalid("command.goto needs a thread with state: thread '" + threadId + "' has no run yet");
    if (head.status() == RunStatus.RUNNING && r.checkpointId() == null) {
      throw ApiException.conflict("thread '" + threadId + "' is running; command.goto starts from a paused or finished thread");
    }
    ThreadBook.Located at = r.checkpointId() == null ? new ThreadBook.Located(head.id(), head.step()) : book.locate(threadId, r.checkpointId());
    if (at.step() == ThreadBook.ROOT) throw ApiException.invalid("command.goto needs a checkpoint with state, not the thread's start");
    ThreadInfo from = book.store().thread(at.link()).orElseThrow();
    CompiledGraph g = graphs.of(from);
    for (String n : r.gotoNodes()) {
      if (!g.nodes().containsKey(n)) {
        throw ApiException.invalid("command.goto: workflow '" + g.name() + "' has no node '" + n + "'; nodes: "
            + String.join(", ", g.nodes().keySet()));
      }
    }
    Map<String, Object> edits = reduced(g, StateLog.at(g, book.store(), from.id(), at.step()).state(),
        r.update() == null ? Map.of() : r.update());
    return linked(threadId, new Plan(Plan.Kind.FORK, g, book.nextLink(threadId), from.id(), at.step(), Map.of(), edits,
        at.step() + 1, r.gotoNodes()));
  }

  private Plan resume(ThreadInfo head, Map<String, Object> answer) {
    CompiledGraph g = graphs.of(head);
    try (Runs runs = new Runs(book.store(), options)) {
      runs.checkAnswer(g, head.id(), answer);
    } catch (AnswerException e) {
      throw new ApiException(422, e.getMessage(), Map.of("problems", e.getMessage()));
    }
    return new Plan(Plan.Kind.RESUME, g, head.id(), null, 0, answer, Map.of(), head.step());
  }

  private Plan continuation(String threadId, ServedWorkflow w, ThreadInfo head, String fromLink, long fromStep, RunRequest r) {
    ThreadInfo from = book.store().thread(fromLink).orElse(head);
    CompiledGraph old = graphs.of(from);
    CompiledGraph g = w != null && w.runnable() ? w.graph() : old;
    Map<String, Object> state = StateLog.at(old, book.store(), from.id(), fromStep).state();
    Map<String, Object> change = changes(r);
    checkInput(g, change);
    Map<String, Object> input = new LinkedHashMap<>();
    for (var e : state.entrySet()) if (g.channels().containsKey(e.getKey())) input.put(e.getKey(), e.getValue());
    input.putAll(reducedAll(g, input, change));
    return linked(threadId, new Plan(Plan.Kind.CONTINUE, g, book.nextLink(threadId), from.id(), fromStep, input, Map.of(), -1));
  }

  /** New input at the thread's root (its first message edited): a new turn from no state, a branch beside the first. */
  private Plan fromRoot(String threadId, ServedWorkflow w, ThreadInfo head, RunRequest r) {
    if (r.input() == null || r.hasCommand()) {
      throw ApiException.invalid("checkpoint '" + r.checkpointId() + "' is the start of thread '" + threadId
          + "': send input (not a command) to start a new turn from it");
    }
    CompiledGraph g = w != null && w.runnable() ? w.graph() : graphs.of(book.store().thread(threadId).orElse(head));
    checkInput(g, r.input());
    return linked(threadId, new Plan(Plan.Kind.CONTINUE, g, book.nextLink(threadId), threadId, ThreadBook.ROOT, r.input(),
        Map.of(), -1));
  }

  /** Records where the plan's new link comes from (the history's tree: {@code ThreadHistory}). */
  private Plan linked(String threadId, Plan p) {
    book.linked(threadId, p.link(), new ThreadBook.Origin(p.from(), p.fromStep(), p.kind() == Plan.Kind.FORK));
    return p;
  }

  /** The values a run adds: {@code input}, or {@code command.update}. */
  private static Map<String, Object> changes(RunRequest r) {
    if (r.update() != null) return r.update();
    return r.input() == null ? Map.of() : r.input();
  }

  /** command.resume as the answer map lamgraph's resume takes ({@code {"answer": v}} for a value that is not an object). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> answer(RunRequest r) {
    if (r.resume() instanceof Map<?, ?> m) return (Map<String, Object>) m;
    if (r.resume() != null) return Map.of("answer", r.resume());
    return r.update() == null ? Map.of() : r.update();
  }

  private static void checkInput(CompiledGraph g, Map<String, Object> input) {
    List<String> problems = InputCheck.problems(g, input);
    if (!problems.isEmpty()) {
      throw new ApiException(422, "the input does not fit workflow '" + g.name() + "': " + String.join("; ", problems),
          Map.of("problems", problems));
    }
  }

  /** The channels {@code change} touches, with their values after the reducers (LangGraph's update semantics). */
  private static Map<String, Object> reduced(CompiledGraph g, Map<String, Object> state, Map<String, Object> change) {
    if (change.isEmpty()) return Map.of();
    checkInput(g, change);
    return reducedAll(g, state, change);
  }

  private static Map<String, Object> reducedAll(CompiledGraph g, Map<String, Object> state, Map<String, Object> change) {
    Map<String, Object> copy = new LinkedHashMap<>();
    state.forEach((k, v) -> copy.put(k, Channel.deepCopy(v)));
    Map<String, Object> channels = new LinkedHashMap<>();
    change.forEach((k, v) -> {
      if (g.channels().containsKey(k)) channels.put(k, v);
    });
    try {
      StateLog.apply(g, copy, List.of(new StateLog.Write("__input__", channels)));
    } catch (StateTypeException e) {
      throw ApiException.invalid(e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : channels.keySet()) out.put(k, copy.get(k));
    change.forEach((k, v) -> {
      if (!g.channels().containsKey(k)) out.put(k, v);
    });
    return out;
  }

  /**
   * Updates a thread's state without running it: a fork at {@code checkpointId} (null: the head)
   * into the next link, with {@code values} applied through the reducers. Returns the new link.
   */
  String updateState(String threadId, Map<String, Object> values, String checkpointId) {
    ThreadInfo head = book.head(threadId).orElseThrow(() -> ApiException.invalid("thread '" + threadId
        + "' has no state yet: start a run first"));
    ThreadBook.Located at = checkpointId == null ? new ThreadBook.Located(head.id(), head.step()) : book.locate(threadId, checkpointId);
    if (at.step() == ThreadBook.ROOT) throw ApiException.invalid("a state update needs a checkpoint with state, not the thread's start");
    ThreadInfo from = book.store().thread(at.link()).orElseThrow();
    CompiledGraph g = graphs.of(from);
    Map<String, Object> edits = new LinkedHashMap<>(reduced(g, StateLog.at(g, book.store(), from.id(), at.step()).state(), values));
    edits.keySet().retainAll(g.channels().keySet());
    String link = book.nextLink(threadId);
    book.linked(threadId, link, new ThreadBook.Origin(from.id(), at.step(), true));
    try (Runs runs = new Runs(book.store(), options)) {
      runs.fork(g, from.id(), at.step(), edits, link);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(e.getMessage());
    }
    return link;
  }

  /** A copy of the thread's head as new LangGraph thread {@code newId} (a fork at its last step). */
  void copy(String threadId, String newId) {
    ThreadInfo head = book.head(threadId).orElseThrow(() -> ApiException.invalid("thread '" + threadId + "' has no state to copy"));
    try (Runs runs = new Runs(book.store(), options)) {
      runs.fork(graphs.of(head), head.id(), head.step(), Map.of(), newId);
    }
  }

  static boolean finished(ThreadInfo t) {
    return t.status() == RunStatus.DONE || t.status() == RunStatus.CANCELLED;
  }
}
