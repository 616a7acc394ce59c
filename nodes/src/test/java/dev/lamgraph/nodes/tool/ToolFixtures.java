package dev.lamgraph.nodes.tool;

import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.util.Redactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Compiles small workflows with a {@code tools:} section and an injected environment. */
public final class ToolFixtures {
  private ToolFixtures() {}

  public static Compiler compiler(Map<String, String> env) {
    return compiler(env, new Redactor());
  }

  /** The tools section with the class path's connectors; workflows see {@code env} and register secrets with {@code secrets}. */
  public static Compiler compiler(Map<String, String> env, Redactor secrets) {
    return new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()), SectionTypes.of(List.of(new ToolsSection())), env,
        secrets);
  }

  /** A workflow with this {@code tools:} section (YAML, indented by two) and one trivial node. */
  public static String workflow(String tools) {
    return "name: t\ntools:\n" + tools.stripIndent().indent(2).stripTrailing() + "\nstate: { x: { type: string } }\n"
        + "nodes: { n: { type: set, set: { x: \"'a'\" } } }\nedges: [ { from: START, to: n }, { from: n, to: END } ]\n";
  }

  /** The registry of a {@code tools:} section; the caller closes it. Fails with every diagnostic on error. */
  public static ToolRegistry registry(String tools, Path baseDir, Map<String, String> env) throws WorkflowException {
    return registry(tools, baseDir, env, new Redactor());
  }

  /** As {@link #registry(String, Path, Map)}, the secrets registered with {@code secrets}. */
  public static ToolRegistry registry(String tools, Path baseDir, Map<String, String> env, Redactor secrets)
      throws WorkflowException {
    CompiledGraph g = compiler(env, secrets).compileText("t.yaml", workflow(tools), baseDir);
    return (ToolRegistry) g.resources().get("tools");
  }

  public static ToolRegistry registry(String tools, Path baseDir) throws WorkflowException {
    return registry(tools, baseDir, Map.of());
  }

  /** The diagnostics of compiling a whole workflow text (empty when it compiles). */
  public static List<Diagnostic> diagnostics(String text, Path baseDir, Map<String, String> env) {
    try {
      compiler(env).compileText("t.yaml", text, baseDir).close();
      return List.of();
    } catch (WorkflowException e) {
      return e.diagnostics();
    }
  }

  /** The diagnostics of a {@code tools:} section in the trivial workflow. */
  public static List<Diagnostic> toolDiagnostics(String tools, Path baseDir, Map<String, String> env) {
    return diagnostics(workflow(tools), baseDir, env);
  }

  /** "CODE message" of each diagnostic, for assertions. */
  public static List<String> codes(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.code() + " " + d.message()).toList();
  }
}
