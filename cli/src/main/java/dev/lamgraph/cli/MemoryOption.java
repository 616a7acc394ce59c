package dev.lamgraph.cli;

import dev.lamgraph.nodes.memory.graph.GraphStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --memory FILE|URL} of the {@code lam memory} commands: where the graph memory lives. */
final class MemoryOption {
  @Option(names = {"-m", "--memory"}, paramLabel = "FILE|URL", description = "the memory store: a SQLite file (a workflow's "
      + "memory.store, default .lam/memory.db next to it) or the postgresql:// URL of its memory.graph; default $LAM_MEMORY, "
      + "else .lam/memory.db in the current directory")
  String location;

  /** Opens the graph memory; a missing SQLite file is a usage error (nothing is created). */
  GraphStore open(Terminal t) {
    String at = location != null ? location : t.env().getOrDefault("LAM_MEMORY", "");
    if (at.isBlank()) at = ".lam/memory.db";
    if (!at.startsWith("postgres")) {
      Path file = t.resolve(at.startsWith("sqlite:") ? at.substring(7) : at);
      if (!Files.isRegularFile(file)) throw CliException.usage("no memory store at " + file + " (pass --memory FILE, or set LAM_MEMORY)");
      at = file.toString();
    }
    try {
      return GraphStore.open(at, t.env());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw CliException.failed(e.getMessage());
    }
  }
}
