package dev.lamgraph.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code lam} command: prints usage when no subcommand is given. */
@Command(name = "lam", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "lamgraph: durable, inspectable workflows for LLM agents, written in YAML.",
    footer = {"", "Exit codes: 0 done, 1 run failed (or store unusable), 2 usage or validation error, 3 paused for input.",
        "Store: --store URL, else $LAM_STORE, else sqlite:.lam/lam.db in the current directory.",
        "Set LAM_DEBUG=1 to see stack traces of unexpected errors."})
final class LamCommand implements Callable<Integer> {
  private final Terminal t;
  @Spec CommandSpec spec;

  LamCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(t.err());
    return ExitCodes.USAGE;
  }
}
