package dev.lamgraph.cli;

import dev.lamgraph.engine.store.CheckpointStore;
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
    description = "Lists the threads of the store, most recently updated first: id, workflow, status, steps, "
        + "age. Status 'interrupted' is a running thread whose process is gone: `lam resume THREAD` "
        + "continues it.")
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
    try (CheckpointStore s = store.open(t)) {
      List<ThreadInfo> threads = s.threads();
      Instant now = Instant.now();
      if (json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ThreadInfo th : threads) out.add(json(th));
        t.out().println(Json.pretty(out));
        return ExitCodes.OK;
      }
      if (threads.isEmpty()) {
        t.out().println("no threads in " + s.location() + "; start one with: lam run FILE" + store.hint());
        return ExitCodes.OK;
      }
      int idw = Math.max(6, threads.stream().mapToInt(th -> th.id().length()).max().orElse(6));
      int wfw = Math.max(8, threads.stream().mapToInt(th -> String.valueOf(th.workflow()).length()).max().orElse(8));
      String fmt = "%-" + idw + "s  %-" + wfw + "s  %-11s  %6s  %s";
      t.out().println(String.format(Locale.ROOT, fmt, "THREAD", "WORKFLOW", "STATUS", "STEPS", "UPDATED").stripTrailing());
      for (ThreadInfo th : threads) {
        t.out().println(String.format(Locale.ROOT, fmt, th.id(), th.workflow(), Labels.status(th), th.step(),
            Labels.ago(th.updated(), now)));
      }
      return ExitCodes.OK;
    }
  }

  static Map<String, Object> json(ThreadInfo th) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread", th.id());
    m.put("workflow", th.workflow());
    m.put("file", th.file());
    m.put("status", Labels.status(th));
    m.put("steps", th.step());
    m.put("created", th.created().toString());
    m.put("updated", th.updated().toString());
    m.put("detail", th.detailJson() == null ? null : Json.read(th.detailJson()));
    return m;
  }
}
