package dev.lamgraph.cli;

import dev.lamgraph.engine.spec.WorkflowVersion;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lam runs}: the threads of a store, most recently updated first. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "List the threads of the store.",
    description = "Lists the threads of the store, most recently updated first: id, workflow, the version of the "
        + "workflow it runs (its `version:` and the first hex digits of its text's SHA-256), status, steps, age. Status 'interrupted' is a running thread whose process is gone: `lam resume THREAD` "
        + "continues it. On a store shared by workers (PostgreSQL), submitted runs waiting for a worker show as "
        + "'queued', and a WORKER column names the worker holding each run.")
final class RunsCommand implements Callable<Integer> {
  private final Terminal t;

  @Option(names = "--json", description = "print a JSON array of threads")
  boolean json;

  @Mixin StoreOption store = new StoreOption();

  RunsCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    try (CheckpointStore s = store.openForReading(t)) {
      List<ThreadInfo> threads = s.threads();
      Map<String, RunQueue.Lease> leases = s instanceof RunQueue q ? q.leases() : null; // a store shared by workers
      Instant now = Instant.now();
      if (json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ThreadInfo th : threads) {
          Map<String, Object> m = json(th);
          if (leases != null) {
            RunQueue.Lease l = leases.get(th.id());
            if (l != null && l.owner() == null) m.put("status", "queued");
            m.put("worker", l == null ? null : l.owner());
            m.put("lease_until", l == null || l.until() == null ? null : l.until().toString());
          }
          out.add(m);
        }
        t.out().println(Json.pretty(out));
        return ExitCodes.OK;
      }
      if (threads.isEmpty()) {
        t.out().println("no threads in " + s.location() + "; start one with: lam run FILE" + store.hint());
        return ExitCodes.OK;
      }
      int idw = Math.max(6, threads.stream().mapToInt(th -> th.id().length()).max().orElse(6));
      int wfw = Math.max(8, threads.stream().mapToInt(th -> String.valueOf(th.workflow()).length()).max().orElse(8));
      int vw = Math.max(7, threads.stream().mapToInt(th -> version(th).length()).max().orElse(7));
      String fmt = "%-" + idw + "s  %-" + wfw + "s  %-" + vw + "s  %-11s  %6s  " + (leases == null ? "%s" : "%-10s") + "%s";
      t.out().println(String.format(Locale.ROOT, fmt, "THREAD", "WORKFLOW", "VERSION", "STATUS", "STEPS", "UPDATED",
          leases == null ? "" : "  WORKER").stripTrailing());
      for (ThreadInfo th : threads) {
        RunQueue.Lease l = leases == null ? null : leases.get(th.id());
        String status = l != null && l.owner() == null ? "queued" : Labels.status(th);
        String worker = leases == null ? "" : "  " + (l == null || l.owner() == null ? "-"
            : l.owner() + (l.expired() ? " (lease expired)" : ""));
        t.out().println(String.format(Locale.ROOT, fmt, th.id(), th.workflow(), version(th), status, th.step(),
            Labels.ago(th.updated(), now), worker).stripTrailing());
      }
      return ExitCodes.OK;
    }
  }

  /** The VERSION column: the {@code version:} label and the text's hash, {@code 3@9f86d081}, or the hash alone. */
  static String version(ThreadInfo th) {
    WorkflowVersion v = WorkflowVersion.of(th.source());
    if (v.hash() == null) return "-";
    return (v.version() == null ? "" : v.version() + "@") + v.hash().substring(0, 8);
  }

  static Map<String, Object> json(ThreadInfo th) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread", th.id());
    m.put("workflow", th.workflow());
    WorkflowVersion v = WorkflowVersion.of(th.source());
    m.put("workflow_version", v.version());
    m.put("workflow_hash", v.hash());
    m.put("file", th.file());
    m.put("status", Labels.status(th));
    m.put("steps", th.step());
    m.put("created", th.created().toString());
    m.put("updated", th.updated().toString());
    m.put("detail", th.detailJson() == null ? null : Json.read(th.detailJson()));
    return m;
  }
}
