package dev.lamgraph.cli;

import picocli.CommandLine.Option;

/** {@code --quiet} and {@code --json} of {@code lam run} and {@code lam resume}. */
final class OutputOptions {
  @Option(names = {"-q", "--quiet"}, description = "only the status line and the thread id (no progress lines, no final state)")
  boolean quiet;

  @Option(names = "--json", description = "print only one JSON object: thread, status, steps, state, detail")
  boolean json;

  boolean progress() {
    return !quiet && !json;
  }
}
