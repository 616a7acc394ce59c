package dev.lamgraph.cli;

import dev.lamgraph.engine.util.Json;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs {@code lam} in-process with StringWriters, from a given working directory. */
final class Lam {
  /** The repository root (tests run in cli/). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path AGENT_LOOP = ROOT.resolve("graphs/agent-loop.yaml");
  /** The counting loop of built-in set nodes: the fixture of the run, inspect and flow command tests. */
  static final Path COUNTER = ROOT.resolve("graphs/counter.yaml");
  static final Path WORKFLOWS = Path.of("src/test/resources/workflows").toAbsolutePath();

  private Lam() {}

  record Result(int code, String out, String err) {
    Map<String, Object> json() {
      return Json.readMap(out);
    }

    List<Object> jsonList() {
      return Json.readList(out);
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Path workflow(String name) {
    return WORKFLOWS.resolve(name);
  }

  static Result run(Path cwd, Object... args) {
    return runWithEnv(cwd, Map.of(), args);
  }

  static Result runWithEnv(Path cwd, Map<String, String> env, Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] a = new String[args.length];
    for (int i = 0; i < args.length; i++) a[i] = String.valueOf(args[i]);
    int code = Main.run(Terminal.of(out, err, cwd, env), a);
    return new Result(code, out.toString(), err.toString());
  }
}
