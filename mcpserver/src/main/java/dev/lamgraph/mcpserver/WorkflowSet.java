package dev.lamgraph.mcpserver;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.InputSchema;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.visualizer.GraphView;
import dev.lamgraph.visualizer.MermaidWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The workflows a server offers, each under a tool name: the workflow's {@code name} (workflow
 * names, {@code [a-z0-9-]+}, are valid MCP tool names; {@link #toolName} cuts them to 64
 * characters, the limit some clients apply). Paths are workflow files or
 * directories (their workflow files, {@link #looksLikeWorkflow}, not recursive). Every file is compiled
 * once for inspection (a missing environment variable is no error here; the run's compile reports
 * it) to read its description, input schema and diagram; a run compiles the file again.
 *
 * <pre>{@code
 * WorkflowSet set = WorkflowSet.load(List.of(Path.of("graphs")), Compiler.withDefaults(env, secrets));
 * }</pre>
 */
public final class WorkflowSet {
  /** The tools the server adds itself; no workflow may take these names. */
  static final List<String> RESERVED = List.of(ThreadTools.RESUME, ThreadTools.STATUS, ThreadTools.RESULT);

  /** One served workflow. */
  public record Entry(String tool, Path file, String name, String description, String source,
      Map<String, Object> inputSchema, String mermaid) {}

  /** A workflow file that does not compile, or a name clash: every problem, one line each. */
  public static final class LoadException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    LoadException(String message, List<Diagnostic> diagnostics) {
      super(message);
      this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
      return diagnostics;
    }
  }

  private static final Pattern NODES = Pattern.compile("(?m)^nodes\\s*:");
  private static final Pattern EDGES = Pattern.compile("(?m)^edges\\s*:");
  private static final long MAX_SNIFF_BYTES = 4L << 20;

  private final Map<String, Entry> byTool;

  private WorkflowSet(Map<String, Entry> byTool) {
    this.byTool = byTool;
  }

  /** Loads every workflow file of {@code paths}; an empty list means the current directory. No workflow at all is an error. */
  public static WorkflowSet load(List<Path> paths, Compiler compiler) {
    WorkflowSet set = of(files(paths.isEmpty() ? List.of(Path.of("")) : paths), compiler);
    if (set.byTool.isEmpty()) throw new LoadException("no workflow files (*.yaml, *.yml) in " + paths, List.of());
    return set;
  }

  /** These workflow files (none is fine: the server then offers only its thread tools), e.g. those {@code lam serve} serves. */
  public static WorkflowSet of(List<Path> files, Compiler compiler) {
    Compiler inspect = compiler.envOptional();
    Map<String, Entry> byTool = new LinkedHashMap<>();
    for (Path file : files) {
      Path abs = file.toAbsolutePath().normalize();
      try (CompiledGraph g = inspect.compile(abs)) {
        Entry e = entry(abs, g);
        if (RESERVED.contains(e.tool())) throw new LoadException(file + ": workflow name '" + g.name() + "' is taken by the server's own tool "
            + e.tool() + "; rename the workflow", List.of());
        Entry clash = byTool.putIfAbsent(e.tool(), e);
        if (clash != null) {
          throw new LoadException("workflows " + clash.file() + " and " + abs + " are both tool '" + e.tool()
              + "'; give them different names", List.of());
        }
      } catch (WorkflowException x) {
        throw new LoadException(file + " has " + summary(x) + "; nothing is served", x.diagnostics());
      }
    }
    return new WorkflowSet(byTool);
  }

  /**
   * These entries, skipping (and telling {@code skipped}) one whose tool name is the server's own
   * or taken by an earlier entry: the set a live server switches to, where a bad file must not
   * stop the others.
   */
  public static WorkflowSet tolerant(Collection<Entry> entries, Consumer<String> skipped) {
    Map<String, Entry> byTool = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (RESERVED.contains(e.tool())) {
        skipped.accept(e.file() + ": workflow name '" + e.name() + "' is taken by the server's own tool; not served");
      } else if (byTool.putIfAbsent(e.tool(), e) != null) {
        skipped.accept(e.file() + ": tool '" + e.tool() + "' is already served from " + byTool.get(e.tool()).file() + "; not served");
      }
    }
    return new WorkflowSet(byTool);
  }

  /** The entry of workflow file {@code file} compiled as {@code g} (which stays the caller's to close). */
  public static Entry entry(Path file, CompiledGraph g) {
    return new Entry(toolName(g.name()), file.toAbsolutePath().normalize(), g.name(),
        g.spec().description() == null ? "" : g.spec().description().strip(), g.spec().source(), InputSchema.of(g),
        new MermaidWriter().write(GraphView.of(g)));
  }

  /** "N errors (first: ...)" of a failed compile. */
  static String summary(WorkflowException x) {
    List<Diagnostic> errors = x.diagnostics().stream().filter(Diagnostic::isError).toList();
    return errors.size() + " error" + (errors.size() == 1 ? "" : "s") + (errors.isEmpty() ? "" : " (first: " + errors.get(0).message() + ")");
  }

  /** The workflow files of {@code paths}: files as given, the workflows of folders; a missing path is a {@link LoadException}. */
  static List<Path> files(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> Files.isRegularFile(f) && looksLikeWorkflow(f)).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new LoadException("cannot list " + p + ": " + e.getMessage(), List.of());
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new LoadException(p + ": no such file or directory", List.of());
      }
    }
    return out;
  }

  /**
   * In a folder, a workflow is a {@code .yaml}/{@code .yml} file with top-level {@code nodes:} and
   * {@code edges:} keys, the rule of {@code lam serve}: test files ({@code *.test.yaml}), datasets
   * and replay files beside the workflows are not served. A file named on the command line is.
   */
  static boolean looksLikeWorkflow(Path f) {
    String n = f.getFileName().toString();
    if (!n.endsWith(".yaml") && !n.endsWith(".yml")) return false;
    try {
      if (Files.size(f) > MAX_SNIFF_BYTES) return true; // compiled, so the size limit is reported
      String text = Files.readString(f);
      return NODES.matcher(text).find() && EDGES.matcher(text).find();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The tool name of a workflow name. */
  static String toolName(String workflow) {
    return workflow.length() > 64 ? workflow.substring(0, 64) : workflow;
  }

  public Collection<Entry> entries() {
    return byTool.values();
  }

  public Optional<Entry> get(String tool) {
    return Optional.ofNullable(byTool.get(tool));
  }
}
