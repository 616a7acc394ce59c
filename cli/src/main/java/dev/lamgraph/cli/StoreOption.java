package dev.lamgraph.cli;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.Stores;
import picocli.CommandLine.Option;

/** {@code --store URL}, shared by every command that reads or writes threads. */
final class StoreOption {
  @Option(names = "--store", paramLabel = "URL",
      description = "checkpoint store: sqlite:PATH, a file path, memory:, or postgresql://USER@HOST:PORT/DB"
          + " (default: $LAM_STORE, else sqlite:.lam/lam.db). Values holding a secret are stored encrypted with"
          + " $LAM_STORE_KEY, else (SQLite) the key file beside the database, e.g. .lam/lam.db.key")
  String url;

  /** The URL to open: {@code --store}, else the default for the terminal's directory and environment. */
  String url(Terminal t) {
    return url != null ? url : t.defaultStoreUrl();
  }

  CheckpointStore open(Terminal t) {
    return Stores.open(url(t), t.env(), t.redactor());
  }

  /** For commands that only read (runs, state, history, trace, diagram --run): works on read-only media. */
  CheckpointStore openForReading(Terminal t) {
    return Stores.openForReading(url(t), t.env(), t.redactor());
  }

  /** " --store URL" when the user gave one, so printed follow-up commands work as typed. */
  String hint() {
    return url == null ? "" : " --store " + Shell.quote(url);
  }
}
