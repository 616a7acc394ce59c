package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.trace.OtlpExporter;
import java.io.IOException;
import java.util.Map;

/**
 * One {@code lam run} or {@code lam resume} on an open store: wires the progress printer, prints a
 * hint if the process is interrupted (Ctrl-C), and reports the outcome ({@link Outcome}).
 */
final class RunSession {
  private final Terminal t;
  private final CheckpointStore store;
  private final OutputOptions output;
  private final StoreOption storeOption;
  private final ValueOption value;

  RunSession(Terminal t, CheckpointStore store, OutputOptions output, ValueOption value, StoreOption storeOption) {
    this.t = t;
    this.value = value;
    this.store = store;
    this.output = output;
    this.storeOption = storeOption;
  }

  /** Starts a new thread and returns the exit code. */
  int start(CompiledGraph graph, String threadId, Map<String, Object> input, String file) throws InterruptedException {
    if (output.progress() && value.key == null) {
      t.out().println("running " + graph.name() + " as thread " + threadId + " (store " + store.location() + ")");
    }
    return go(graph, threadId, file, runs -> runs.start(graph, threadId, input));
  }

  /** Continues a thread from its last committed step and returns the exit code. */
  int resume(CompiledGraph graph, String threadId, Map<String, Object> answer, String file) throws InterruptedException {
    return go(graph, threadId, file, runs -> runs.resume(graph, threadId, answer));
  }

  private interface Body {
    RunResult run(Runs runs) throws InterruptedException;
  }

  private int go(CompiledGraph graph, String threadId, String file, Body body) throws InterruptedException {
    value.check(graph, output.json);
    ProgressPrinter progress = new ProgressPrinter(t, output.progress() && value.key == null);
    Thread hook = new Thread(() -> {
      t.err().println("lam: interrupted; thread " + threadId + " keeps every committed step; continue with: lam resume "
          + Shell.quote(threadId) + storeOption.hint());
      t.err().flush();
    }, "lam-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    long t0 = System.nanoTime();
    RunResult r;
    try (Runs runs = new Runs(store, t.runOptions().withListener(progress))) {
      r = body.run(runs);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it tells the user how to resume
      }
    }
    exportSpans(r.threadId());
    Outcome o = new Outcome(t, graph.name(), store.location(), storeOption.hint(), file);
    long nanos = System.nanoTime() - t0;
    if (output.json) return o.json(r);
    if (value.key != null) return o.value(r, value.key, nanos);
    return output.quiet ? o.quiet(r, nanos) : o.text(r, nanos);
  }

  /** With OTEL_EXPORTER_OTLP_ENDPOINT set, sends the run's spans; a collector problem is a warning, not a failure. */
  private void exportSpans(String threadId) throws InterruptedException {
    var exporter = OtlpExporter.fromEnv(t.env(), t.redactor());
    if (exporter.isEmpty()) return;
    try {
      var info = store.thread(threadId).orElseThrow();
      int n = exporter.get().export(info.traced(), store.events(threadId));
      if (t.debug()) t.err().println("lam: exported " + n + " spans to " + exporter.get().endpoint());
    } catch (IOException | RuntimeException e) {
      t.err().println("lam: warning: could not export spans to " + exporter.get().endpoint() + ": " + e.getMessage());
    }
  }
}
