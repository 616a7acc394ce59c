package dev.lamgraph.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the repository's {@code graphs/} in a temp dir, without what earlier runs left behind
 * (the {@code .lam/} store and memory, the git-ignored outputs), so examples run on it through
 * {@code lam} in-process and write nothing into the working tree.
 */
final class ExampleDir {
  /** Paths (relative to graphs/) of files runs write; git ignores them, the copy leaves them out. */
  static final List<String> OUTPUTS = List.of("data/invoice-reply/mail/outbox/reply-", "data/log-debugger/reports/incident-",
      "data/notes/published/");

  final Path dir;
  final Path graphs;
  /** The environment the commands run with (e.g. {@code LAM_REPLAY}); none by default. */
  Map<String, String> env = Map.of();

  ExampleDir(Path dir) throws IOException {
    this.dir = dir;
    this.graphs = dir.resolve("graphs");
    Path src = Lam.ROOT.resolve("graphs");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        String rel = src.relativize(p).toString().replace('\\', '/');
        boolean output = OUTPUTS.stream().anyMatch(rel::startsWith) && !rel.endsWith("/.gitkeep");
        if (rel.startsWith(".lam") || output) continue;
        Path to = graphs.resolve(rel);
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
  }

  Path resolve(String relative) {
    return graphs.resolve(relative);
  }

  /** {@code lam run graphs/EXAMPLE --store sqlite:DIR/lam.db EXTRA...}, run from the temp dir. */
  Lam.Result run(String example, Object... extra) {
    return lam("run", graphs.resolve(example), extra);
  }

  /** {@code lam resume THREAD --store sqlite:DIR/lam.db EXTRA...}. */
  Lam.Result resume(String thread, Object... extra) {
    return lam("resume", thread, extra);
  }

  private Lam.Result lam(String command, Object target, Object... extra) {
    Object[] args = new Object[4 + extra.length];
    args[0] = command;
    args[1] = target;
    args[2] = "--store";
    args[3] = "sqlite:" + dir.resolve("lam.db");
    System.arraycopy(extra, 0, args, 4, extra.length);
    return Lam.runWithEnv(dir, env, args);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> state(Lam.Result r) {
    return (Map<String, Object>) r.json().get("state");
  }
}
