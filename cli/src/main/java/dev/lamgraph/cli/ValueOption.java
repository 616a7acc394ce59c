package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Spelling;
import picocli.CommandLine.Option;

/**
 * {@code --output KEY} of {@code lam run}, {@code resume} and {@code fork}: print only one
 * channel's final value, a string as it is and anything else as JSON (like {@code jq -r}), so a
 * script can use it directly: {@code summary=$(lam run w.yaml --output summary)}.
 */
final class ValueOption {
  @Option(names = "--output", paramLabel = "KEY",
      description = "print only this channel's final value (a string as it is, anything else as JSON); a paused or"
          + " failed run prints its status line and thread id to stderr instead")
  String key;

  /** Refuses an unknown channel (with "did you mean") and {@code --json} with it, before anything runs. */
  void check(CompiledGraph graph, boolean json) {
    if (key == null) return;
    if (json) throw CliException.usage("--output and --json exclude each other: --output prints one value, --json all of them");
    if (!graph.channels().containsKey(key)) {
      throw CliException.usage("--output: workflow '" + graph.name() + "' has no channel '" + key + "'; channels: "
          + String.join(", ", graph.channels().keySet()) + Spelling.didYouMean(key, graph.channels().keySet()));
    }
  }

  /** A value as {@code --output} prints it: a string raw, anything else as JSON. */
  static String render(Object v) {
    return v instanceof String s ? s : Json.pretty(v);
  }
}
