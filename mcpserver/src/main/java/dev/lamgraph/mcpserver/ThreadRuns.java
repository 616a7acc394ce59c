package dev.lamgraph.mcpserver;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.AnswerException;
import dev.lamgraph.engine.exec.InputCheck;
import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.exec.StateLog;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runs behind the tools: start a workflow as a new thread, resume a paused one, read a
 * thread's status and latest state, all on the server's store with {@link Runs} (so each is a
 * normal thread: {@code lam runs}, {@code lam state}, {@code lam resume} see it). Every map
 * returned is masked for secrets. A refusal is a {@link ToolError}.
 */
final class ThreadRuns {
  private final McpSettings settings;
  private final InFlight calls = new InFlight();

  ThreadRuns(McpSettings settings) {
    this.settings = settings;
  }

  McpSettings settings() {
    return settings;
  }

  /** The tool calls running now. */
  InFlight calls() {
    return calls;
  }

  /**
   * Runs {@code e} as a new thread with {@code input} until it ends or pauses: the version the tool
   * describes ({@code e}'s source, relative paths against its folder), so a file broken since keeps
   * running its last good version until it compiles again.
   */
  Map<String, Object> start(WorkflowSet.Entry e, Map<String, Object> input, RunListener listener) throws InterruptedException {
    try (CompiledGraph g = compile(e)) {
      List<String> problems = InputCheck.problems(g, input);
      if (!problems.isEmpty()) throw new ToolError(String.join("; ", problems) + "; nothing was run");
      try (Runs runs = new Runs(settings.store(), settings.runOptions(listener))) {
        return outcome(g.name(), runs.start(g, null, input));
      }
    }
  }

  /** Continues thread {@code id} with {@code answer} (checked against the paused node's schema). */
  Map<String, Object> resume(String id, Map<String, Object> answer, RunListener listener) throws InterruptedException {
    ThreadInfo info = thread(id);
    if (info.status() == RunStatus.DONE) throw new ToolError("thread " + id + " is done; read its result with lam_result");
    try (CompiledGraph g = compileStored(settings.compiler(), info);
        Runs runs = new Runs(settings.store(), settings.runOptions(listener))) {
      return outcome(g.name(), runs.resume(g, id, answer));
    } catch (AnswerException x) {
      throw new ToolError(ToolError.oneLine(x.getMessage()) + "; thread " + id + " is still paused: call lam_resume again with a valid answer");
    }
  }

  /** Status, step and (when paused or failed) what it waits for or why it failed. */
  Map<String, Object> status(String id) {
    ThreadInfo info = thread(id);
    Map<String, Object> m = head(info);
    m.putAll(detail(info));
    return masked(m);
  }

  /** {@link #status} plus the state at the latest committed step. */
  Map<String, Object> result(String id) {
    ThreadInfo info = thread(id);
    try (CompiledGraph g = compileStored(settings.compiler().envOptional(), info)) {
      Map<String, Object> m = head(info);
      m.putAll(detail(info));
      m.put("state", StateLog.at(g, settings.store(), id, info.step()).state());
      return masked(m);
    }
  }

  private Map<String, Object> head(ThreadInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread_id", info.id());
    m.put("workflow", info.workflow());
    m.put("status", info.status().id());
    m.put("step", info.step());
    m.put("updated", String.valueOf(info.updated()));
    return m;
  }

  private static Map<String, Object> detail(ThreadInfo info) {
    if (info.detailJson() == null) return Map.of();
    return pending(Json.readMap(info.detailJson()), info.status());
  }

  /** The map a tool returns for a run's end: done with its state, paused with its question, or failed with its error. */
  private Map<String, Object> outcome(String workflow, RunResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread_id", r.threadId());
    m.put("workflow", workflow);
    m.put("status", r.status().id());
    m.put("steps", r.steps());
    m.putAll(pending(r.detail(), r.status()));
    if (r.status() != RunStatus.PAUSED) m.put("state", r.state());
    return masked(m);
  }

  /** A pause as question + answer schema (and how to answer), a failure as node, kind and message. */
  private static Map<String, Object> pending(Map<String, Object> d, RunStatus status) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (status == RunStatus.PAUSED) {
      m.put("node", d.get("node"));
      m.put("when", d.get("when"));
      m.put("question", d.getOrDefault("prompt", ""));
      Object schema = d.get("schema");
      if (schema instanceof String s) schema = Json.read(s);
      if (schema != null) m.put("answer_schema", schema);
      m.put("answer_with", "node".equals(d.get("when"))
          ? "lam_resume {thread_id, answer}: the answer is an object that fits answer_schema"
          : "lam_resume {thread_id, answer}: answer {} continues as is; an object of channel values updates the state first");
    } else if (!d.isEmpty()) {
      m.put("error", d);
    }
    return m;
  }

  private Map<String, Object> masked(Map<String, Object> m) {
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) settings.redactor().redactValue(m);
    return out;
  }

  ThreadInfo thread(String id) {
    return settings.store().thread(id).orElseThrow(() -> new ToolError("no thread '" + id + "' in " + settings.store().location()));
  }

  private CompiledGraph compile(WorkflowSet.Entry e) {
    try {
      return settings.compiler().compileText(e.file().toString(), e.source(), e.file().getParent());
    } catch (WorkflowException x) {
      throw new ToolError(e.file().getFileName() + " does not compile: " + summary(x.diagnostics()) + "; nothing was run");
    }
  }

  /** The copy of the workflow stored with the thread, as {@code lam resume} runs it. */
  CompiledGraph compileStored(Compiler compiler, ThreadInfo info) {
    Path file = Path.of(info.file() == null ? info.workflow() + ".yaml" : info.file()).toAbsolutePath();
    try {
      return compiler.compileText(String.valueOf(info.file()), info.source(), file.getParent());
    } catch (WorkflowException x) {
      throw new ToolError("the workflow stored with thread '" + info.id() + "' does not compile: " + summary(x.diagnostics()));
    }
  }

  private static String summary(List<Diagnostic> diags) {
    return diags.stream().filter(Diagnostic::isError).limit(3)
        .map(d -> ToolError.oneLine(d.code() + ": " + d.message())).collect(Collectors.joining("; "));
  }
}
