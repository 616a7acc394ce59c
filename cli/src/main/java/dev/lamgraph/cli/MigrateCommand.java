package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam migrate --workflow NEW.yaml THREAD...}: move unfinished threads to a changed workflow file. */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Move unfinished threads to a changed workflow file.",
    description = "A thread continues on the workflow it started with (`lam resume`, workers). This moves threads to "
        + "another file explicitly: each is checked first and moves only when nothing breaks. What breaks: a node "
        + "it would run next that no longer exists, a channel removed, retyped or given another reducer, a state "
        + "that no longer fits, or a paused question whose node changed its type, answer schema or output. A moved "
        + "thread records the new text (its version and hash show in `lam runs`); nothing else changes.",
    footer = {"", "Exit codes: 0 every thread moved (or, with --dry-run, could move), 1 some could not, 2 none could, "
        + "or a usage error.", "", "Examples:", "  lam migrate --workflow review-v2.yaml t-1 t-2",
        "  lam migrate --workflow review-v2.yaml --all-paused --dry-run"})
final class MigrateCommand implements Callable<Integer> {
  private final Terminal t;

  @Option(names = "--workflow", paramLabel = "FILE", required = true, description = "the workflow file to move to")
  String workflow;

  @Parameters(paramLabel = "THREAD", arity = "0..*", converter = ThreadIdConverters.Existing.class,
      description = "threads to move (see `lam runs`)")
  List<String> threads = new ArrayList<>();

  @Option(names = "--all-paused", description = "every paused thread of the new file's workflow")
  boolean allPaused;

  @Option(names = "--all-failed", description = "every failed thread of the new file's workflow")
  boolean allFailed;

  @Option(names = "--dry-run", description = "check only; move nothing")
  boolean dryRun;

  @Option(names = "--json", description = "print one JSON object: moved, refused (with what breaks)")
  boolean json;

  @Mixin StoreOption store = new StoreOption();

  MigrateCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    if (threads.isEmpty() && !allPaused && !allFailed) {
      throw CliException.usage("name the threads to move, or pass --all-paused or --all-failed");
    }
    try (CheckpointStore s = store.open(t); CompiledGraph to = Workflows.compileFile(t, workflow, json)) {
      List<ThreadInfo> chosen = chosen(s, to);
      if (chosen.isEmpty()) {
        throw CliException.usage("no " + (allPaused && allFailed ? "paused or failed" : allPaused ? "paused" : "failed")
            + " threads of workflow '" + to.name() + "' in " + s.location());
      }
      Map<String, Object> moved = new LinkedHashMap<>();
      Map<String, Object> refused = new LinkedHashMap<>();
      for (ThreadInfo info : chosen) {
        List<String> broken = Migration.breaks(t, s, info, to);
        if (broken.isEmpty() && !dryRun && !Migration.move(t, s, info, to)) broken = List.of("another process took it meanwhile");
        if (broken.isEmpty()) {
          moved.put(info.id(), Migration.change(info, to));
          if (!json) t.out().println((dryRun ? "can move " : "moved ") + info.id() + " (" + Labels.status(info) + "): "
              + Migration.change(info, to));
        } else {
          refused.put(info.id(), broken);
          if (!json) {
            t.out().println("cannot move " + info.id() + " (" + Labels.status(info) + "):");
            broken.forEach(b -> t.out().println("  " + b));
          }
        }
      }
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workflow", workflow);
        m.put("dry_run", dryRun);
        m.put(dryRun ? "can_move" : "moved", moved);
        m.put("refused", refused);
        t.out().println(Json.pretty(m));
      }
      if (moved.isEmpty()) {
        if (json) return ExitCodes.USAGE;
        throw CliException.usage("no thread " + (dryRun ? "can move" : "moved") + " to " + workflow + "; each one's reasons are listed above");
      }
      return refused.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private List<ThreadInfo> chosen(CheckpointStore s, CompiledGraph to) {
    Set<String> ids = new LinkedHashSet<>(threads);
    List<ThreadInfo> out = new ArrayList<>();
    for (String id : ids) out.add(Workflows.thread(s, id, store.hint()));
    for (ThreadInfo info : s.threads()) {
      if (ids.contains(info.id()) || !to.name().equals(info.workflow())) continue;
      if ((allPaused && info.status() == RunStatus.PAUSED) || (allFailed && info.status() == RunStatus.FAILED)) out.add(info);
    }
    return out;
  }
}
