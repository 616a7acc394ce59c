package dev.lamgraph.cli;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam history THREAD}: the thread's checkpoints, one per committed step. */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "List a thread's checkpoints.",
    description = "Lists a thread's checkpoints: id (the step number, as `lam state --checkpoint` and `lam fork"
        + " --from` take it), the nodes that ran (__human__ / __fork__ for state edits), the nodes to run next,"
        + " time and size (a '*' marks checkpoints holding a full snapshot of the state).")
final class HistoryCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class,
      description = "the thread id (see `lam runs`)")
  String thread;

  @Option(names = "--json", description = "print a JSON array: step, ran, next, time, bytes, snapshot")
  boolean json;

  @Mixin StoreOption store = new StoreOption();

  HistoryCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    try (CheckpointStore s = store.openForReading(t)) {
      ThreadInfo info = Workflows.thread(s, thread, store.hint());
      List<Checkpoint> cps = s.checkpoints(thread, 0, info.step());
      if (json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Checkpoint cp : cps) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("step", cp.step());
          m.put("ran", cp.ran());
          m.put("next", cp.next());
          m.put("time", cp.time().toString());
          m.put("bytes", cp.bytes());
          m.put("snapshot", cp.snapshotJson() != null);
          out.add(m);
        }
        t.out().println(Json.pretty(out));
        return ExitCodes.OK;
      }
      t.out().println("thread " + info.id() + " (" + info.workflow() + "): " + Labels.status(info) + ", "
          + Diagnostics.count(cps.size(), "checkpoint"));
      String fmt = "%6s  %-20s  %-20s  %-24s  %s";
      t.out().println(String.format(Locale.ROOT, fmt, "STEP", "RAN", "NEXT", "TIME", "BYTES"));
      for (Checkpoint cp : cps) {
        String next = cp.next().isEmpty() ? "END" : String.join(",", cp.next());
        t.out().println(t.fit(String.format(Locale.ROOT, fmt, cp.step(), String.join(",", cp.ran()), next,
            cp.time().truncatedTo(ChronoUnit.MILLIS), cp.bytes() + (cp.snapshotJson() != null ? "*" : ""))));
      }
      return ExitCodes.OK;
    }
  }
}
