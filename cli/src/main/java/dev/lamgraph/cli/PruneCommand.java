package dev.lamgraph.cli;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lam prune}: removes old checkpoints of finished threads. */
@Command(name = "prune", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Remove old checkpoints of finished threads.",
    description = "Removes old checkpoints of done and failed threads. A thread, its trace and its final state "
        + "stay: the snapshot and writes that rebuild every kept checkpoint are kept, so `lam state` and "
        + "`lam resume` of a failed run still work; `lam history` shows only the kept steps.",
    footer = {"", "Examples:", "  lam prune --keep-last 10", "  lam prune --older-than 30d --store postgresql://lam@db:5432/lam"})
final class PruneCommand implements Callable<Integer> {
  private final Terminal t;

  static final class Rule {
    @Option(names = "--keep-last", paramLabel = "N", required = true,
        description = "keep the last N checkpoints of each finished thread (N >= 1)")
    Long keepLast;

    @Option(names = "--older-than", paramLabel = "AGE", required = true,
        description = "remove checkpoints older than AGE (e.g. 30d, 12h, 90m)")
    String olderThan;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Rule rule;

  @Option(names = "--json", description = "print one JSON object: threads, checkpoints, bytes")
  boolean json;

  @Mixin StoreOption store = new StoreOption();

  PruneCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    PruneRule r;
    if (rule.keepLast != null) {
      if (rule.keepLast < 1) throw CliException.usage("--keep-last must be at least 1, not " + rule.keepLast);
      r = PruneRule.keepLast(rule.keepLast);
    } else {
      Duration age = Durations.parse(rule.olderThan).orElseThrow(() -> CliException.usage("--older-than "
          + rule.olderThan + ": expected a number with a unit: ms, s, m, h or d (e.g. 30d)"));
      r = PruneRule.olderThan(age, Instant.now());
    }
    try (CheckpointStore s = store.open(t)) {
      PruneRule.Result res = s.prune(r);
      if (json) {
        t.out().println(Json.pretty(Map.of("threads", res.threads(),
            "checkpoints", res.checkpoints(), "bytes", res.bytes())));
      } else {
        t.out().println(String.format(Locale.ROOT, "removed %d checkpoint%s (%s) of %d finished thread%s in %s",
            res.checkpoints(), res.checkpoints() == 1 ? "" : "s", bytes(res.bytes()), res.threads(),
            res.threads() == 1 ? "" : "s", s.location()));
      }
      return ExitCodes.OK;
    }
  }

  static String bytes(long b) {
    if (b < 1024) return b + " B";
    if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    return String.format(Locale.ROOT, "%.1f MiB", b / 1024.0 / 1024.0);
  }
}
