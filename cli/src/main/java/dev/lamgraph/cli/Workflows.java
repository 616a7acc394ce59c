package dev.lamgraph.cli;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.NodesCodes;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiling workflows (from files or from a thread's stored copy) and finding threads, for the commands. */
final class Workflows {
  private static final Pattern VARIABLE = Pattern.compile("environment variables? ([A-Za-z_][A-Za-z0-9_]*(?:, [A-Za-z_][A-Za-z0-9_]*)*)");

  private Workflows() {}

  /** Compiles a file; on errors prints every diagnostic and throws a usage error (exit 2). */
  static CompiledGraph compileFile(Terminal t, String file, boolean json) {
    try {
      return t.compiler().compile(t.resolve(file));
    } catch (WorkflowException e) {
      throw invalid(t, e.diagnostics(), json, file + " has " + Diagnostics.summary(e.diagnostics()) + "; nothing was run");
    }
  }

  /**
   * Compiles a file to look at, not to run ({@code lam diagram}): a missing environment variable is
   * a warning ({@link Compiler#envOptional()}), printed on stderr (stdout holds the diagram) as
   * are the other warnings. Never run the graph.
   */
  static CompiledGraph inspectFile(Terminal t, String file) {
    Compiler compiler = t.compiler().envOptional();
    try {
      CompiledGraph g = compiler.compile(t.resolve(file));
      for (Diagnostic d : compiler.check(t.resolve(file))) t.err().println(d.format());
      return g;
    } catch (WorkflowException e) {
      throw invalid(t, e.diagnostics(), false, file + " has " + Diagnostics.summary(e.diagnostics()) + "; nothing was drawn");
    }
  }

  /** Compiles the workflow text stored with a thread (the copy it started with), to run it. */
  static CompiledGraph compileStored(Terminal t, ThreadInfo info, boolean json) {
    return compileStored(t, t.compiler(), info, json);
  }

  /**
   * Compiles the workflow stored with a thread to look at it, not to run it ({@code lam state},
   * {@code trace}, {@code diagram --run}, {@code fork}): a missing environment variable is no error
   * (and not printed: the thread's values are what the user asked for). Never run the graph.
   */
  static CompiledGraph inspectStored(Terminal t, ThreadInfo info, boolean json) {
    return compileStored(t, t.compiler().envOptional(), info, json);
  }

  private static CompiledGraph compileStored(Terminal t, Compiler compiler, ThreadInfo info, boolean json) {
    Path file = t.resolve(info.file() == null ? info.workflow() + ".yaml" : info.file());
    Path base = file.toAbsolutePath().getParent();
    try {
      return compiler.compileText(String.valueOf(info.file()), info.source(), base);
    } catch (WorkflowException e) {
      List<String> missing = missingEnv(e.diagnostics());
      throw invalid(t, e.diagnostics(), json, "the workflow stored with thread '" + info.id() + "' "
          + (missing.isEmpty() ? "does not compile with this build; pass a fixed copy with --workflow FILE"
              : "needs environment variable" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                  + ", which " + (missing.size() == 1 ? "is" : "are") + " not set; set " + (missing.size() == 1 ? "it" : "them")
                  + ", e.g. `export " + missing.get(0) + "=...`"));
    }
  }

  /**
   * The workflow stored with a thread compiled to look at, or empty when it does not compile with
   * this build (nothing printed): {@code lam migrate} then checks the thread against the new file alone.
   */
  static java.util.Optional<CompiledGraph> tryInspectStored(Terminal t, ThreadInfo info) {
    Path file = t.resolve(info.file() == null ? info.workflow() + ".yaml" : info.file());
    try {
      return java.util.Optional.of(t.compiler().envOptional().compileText(String.valueOf(info.file()), info.source(),
          file.toAbsolutePath().getParent()));
    } catch (WorkflowException e) {
      return java.util.Optional.empty();
    }
  }

  /** The absolute file a compiled workflow came from (as a new thread records it), or null. */
  static String fileOf(CompiledGraph g) {
    return g.spec().file() == null ? null : Path.of(g.spec().file()).toAbsolutePath().normalize().toString();
  }

  /**
   * The variables named by the MISSING_ENV errors when every error is one (the environment, not
   * the workflow, is what is wrong); otherwise empty.
   */
  static List<String> missingEnv(List<Diagnostic> diags) {
    List<Diagnostic> errors = diags.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    if (errors.isEmpty() || !errors.stream().allMatch(d -> NodesCodes.MISSING_ENV.equals(d.code()))) return List.of();
    Set<String> names = new LinkedHashSet<>();
    for (Diagnostic d : errors) {
      Matcher m = VARIABLE.matcher(d.message());
      if (m.find()) names.addAll(List.of(m.group(1).split(", ")));
    }
    return List.copyOf(names);
  }

  private static CliException invalid(Terminal t, List<Diagnostic> diags, boolean json, String message) {
    if (json) {
      t.out().println(Json.pretty(Map.of("status", "invalid", "diagnostics", Diagnostics.json(diags))));
    } else {
      Diagnostics.print(t, diags);
    }
    return CliException.usage(message);
  }

  /** The thread, or a usage error (exit 2) that says how to list the threads. */
  static ThreadInfo thread(CheckpointStore store, String id, String storeHint) {
    return store.thread(id).orElseThrow(() -> CliException.usage("no thread '" + id + "' in " + store.location()
        + "; list the threads with: lam runs" + storeHint));
  }
}
