package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.ThreadArchive;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lam import t.json|DIR...}: read exported threads into the store. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Read exported threads into the store.",
    description = "Reads threads written by `lam export` (files, or every *.json file of a directory) into the store, "
        + "with their checkpoints, events and journal, under their own ids. Every file is checked before anything is "
        + "written; a file that is not a valid export, or a thread id already in the store, is an error and nothing "
        + "is imported. Then `lam replay --workflow NEW.yaml THREAD...` checks a changed workflow against them.",
    footer = {"", "Exit codes: 0 imported, 2 a bad file or a thread that already exists (nothing imported).", "",
        "Example:", "  lam --store sqlite:ci.db import threads/ && lam --store sqlite:ci.db replay --all --workflow flow.yaml"})
final class ImportCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "export files (t.json), or directories of them")
  List<String> files = new ArrayList<>();

  @Mixin StoreOption store = new StoreOption();

  ImportCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    List<ThreadArchive> archives = new ArrayList<>();
    for (Path f : expand()) archives.add(read(f));
    try (CheckpointStore s = store.open(t)) {
      for (ThreadArchive a : archives) {
        if (s.thread(a.id()).isPresent()) {
          throw CliException.usage("thread '" + a.id() + "' already exists in " + s.location() + "; nothing was imported");
        }
      }
      for (ThreadArchive a : archives) {
        try {
          List<String> ids = a.importInto(s, t.runOptions().owner());
          t.out().println("imported " + a.id() + (ids.size() > 1 ? " (and " + Diagnostics.count(ids.size() - 1, "child thread") + ")" : ""));
        } catch (StoreException e) {
          if (e.reason() == StoreException.Reason.EXISTS) throw CliException.usage(e.getMessage());
          throw e;
        }
      }
      return ExitCodes.OK;
    }
  }

  private List<Path> expand() {
    List<Path> out = new ArrayList<>();
    for (String f : files) {
      Path p = t.resolve(f);
      if (Files.isDirectory(p)) {
        try (Stream<Path> l = Files.list(p)) {
          l.filter(x -> x.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
        } catch (IOException e) {
          throw CliException.usage("cannot list " + f + ": " + e.getMessage());
        }
      } else if (!Files.isRegularFile(p)) {
        throw CliException.usage("no file " + f);
      } else {
        out.add(p);
      }
    }
    if (out.isEmpty()) throw CliException.usage("no *.json files in " + String.join(", ", files));
    return out;
  }

  private ThreadArchive read(Path f) {
    Map<String, Object> doc;
    try {
      if (Files.size(f) > 512L * 1024 * 1024) throw CliException.usage(f + ": larger than 512 MiB; not a thread export");
      doc = Json.readMap(Files.readString(f));
    } catch (IOException e) {
      throw CliException.usage("cannot read " + f + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof CliException c) throw c;
      throw CliException.usage(f + ": not JSON: " + ErrorHandler.oneLine(String.valueOf(e.getMessage())));
    }
    try {
      return ThreadArchive.read(doc);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(f + ": " + e.getMessage());
    }
  }
}
