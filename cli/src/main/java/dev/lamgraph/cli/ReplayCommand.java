package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.ReplayResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam replay [--workflow NEW.yaml] THREAD...}: run finished threads again on recorded calls and compare. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Run finished threads again on their recorded calls and compare.",
    description = "Runs each finished (done or failed) thread again from its start, with its input and the workflow "
        + "stored with it (or --workflow FILE, e.g. a changed definition), as a new thread. Tool calls and model "
        + "requests are not made: each is answered from the original thread's journal, and a call the original did "
        + "not make fails the replay's node (kind not_recorded). Then compares the status, the path (the nodes of "
        + "each step), the step count and the final state with the original's. With threads imported by "
        + "`lam import`, this checks a changed workflow in CI.",
    footer = {"", "Exit codes: 0 every replay matches, 1 one differs (each difference is listed), 2 usage error "
        + "(unknown thread, or one that has not finished).", "", "Examples:", "  lam replay t-1",
        "  lam replay --workflow review-v2.yaml --all"})
final class ReplayCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(index = "0", arity = "0..1", paramLabel = "THREAD", converter = ThreadIdConverters.Existing.class,
      description = "a finished thread to replay (see `lam runs`)")
  String first;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "MORE", converter = ThreadIdConverters.Existing.class,
      description = "more finished threads to replay")
  List<String> more = new ArrayList<>();

  private final List<String> threads = new ArrayList<>();

  @Option(names = "--all", description = "every finished thread of the store (of the --workflow file's workflow, when given)")
  boolean all;

  @Option(names = "--thread", paramLabel = "NEW", converter = ThreadIdConverters.New.class,
      description = "the replay's thread id, for one THREAD (default: THREAD-replay-xxxx)")
  String newThread;

  @Option(names = "--workflow", paramLabel = "FILE", description = "replay with this workflow instead of the stored copy")
  String workflow;

  @Mixin StoreOption store = new StoreOption();
  @Mixin OutputOptions output = new OutputOptions();

  ReplayCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (first != null) threads.add(first);
    threads.addAll(more);
    if (threads.isEmpty() && !all) throw CliException.usage("name the threads to replay, or pass --all");
    if (newThread != null && (all || threads.size() != 1)) throw CliException.usage("--thread names the replay of one THREAD");
    try (CheckpointStore s = store.open(t); CompiledGraph file = workflow == null ? null : Workflows.compileFile(t, workflow, output.json)) {
      List<ThreadInfo> chosen = chosen(s, file);
      if (newThread != null && s.thread(newThread).isPresent()) {
        throw CliException.usage("thread '" + newThread + "' already exists in " + s.location() + "; choose another --thread");
      }
      List<Object> results = new ArrayList<>();
      boolean allMatch = true;
      try (Runs runs = new Runs(s, t.runOptions().withListener(new ProgressPrinter(t, output.progress() && chosen.size() == 1)))) {
        for (ThreadInfo info : chosen) {
          ReplayResult r = replay(runs, s, info, file);
          allMatch &= r.matches();
          if (output.json) results.add(json(info.id(), r));
          else print(info.id(), r);
        }
      }
      if (output.json) t.out().println(Json.pretty(threads.size() == 1 && !all ? results.get(0) : results));
      else if (chosen.size() > 1) t.out().println(chosen.size() + " replays: " + (allMatch ? "all match" : "some differ"));
      return allMatch ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private List<ThreadInfo> chosen(CheckpointStore s, CompiledGraph file) {
    List<ThreadInfo> out = new ArrayList<>();
    for (String id : threads) out.add(Workflows.thread(s, id, store.hint()));
    if (all) {
      for (ThreadInfo info : s.threads()) {
        boolean finished = info.status() == RunStatus.DONE || info.status() == RunStatus.FAILED;
        boolean original = !info.id().contains("/") && !info.id().contains("-replay-");
        if (finished && original && !threads.contains(info.id()) && (file == null || file.name().equals(info.workflow()))) out.add(info);
      }
      if (out.isEmpty()) throw CliException.usage("no finished threads" + (file == null ? "" : " of workflow '" + file.name() + "'")
          + " in " + s.location());
    }
    return out;
  }

  private ReplayResult replay(Runs runs, CheckpointStore s, ThreadInfo info, CompiledGraph file) throws InterruptedException {
    if (output.progress()) t.out().println("replaying thread " + info.id() + " (" + info.workflow() + ", "
        + Labels.status(info) + " after " + Diagnostics.count(info.step(), "step") + ")");
    CompiledGraph stored = file == null ? Workflows.compileStored(t, info, output.json) : null;
    try {
      return runs.replay(file != null ? file : stored, info.id(), newThread);
    } catch (IllegalStateException e) {
      throw CliException.usage(ErrorHandler.oneLine(e.getMessage()));
    } finally {
      if (stored != null) stored.close();
    }
  }

  private void print(String thread, ReplayResult r) {
    if (r.matches()) {
      t.out().println("replay " + r.replay() + " matches thread " + thread + ": " + r.result().status().id() + " after "
          + Diagnostics.count(r.result().steps(), "step") + ", same path and final state");
    } else {
      t.out().println("replay " + r.replay() + " differs from thread " + thread + ":");
      r.differences().forEach(d -> t.out().println("  " + d));
    }
  }

  private static Map<String, Object> json(String thread, ReplayResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("thread", thread);
    m.put("replay", r.replay());
    m.put("matches", r.matches());
    m.put("differences", r.differences());
    m.put("status", r.result().status().id());
    m.put("steps", r.result().steps());
    return m;
  }
}
