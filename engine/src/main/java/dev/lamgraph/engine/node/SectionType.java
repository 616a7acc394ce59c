package dev.lamgraph.engine.node;

import dev.lamgraph.engine.spec.YNode;
import java.util.Optional;

/**
 * A top-level workflow section contributed by a plugin ({@code models:}, {@code tools:},
 * {@code memory:}...), found with {@link java.util.ServiceLoader} (list implementations in
 * {@code META-INF/services/dev.lamgraph.engine.node.SectionType}). The engine checks the section
 * against {@link #schema()}, then {@link #compile} turns it into a resource that node types fetch
 * with {@link CompileContext#section}. Compiling a section starts no process, opens no connection,
 * loads no model and runs no user code ({@code lam validate}, diagrams and inspection compile
 * workflows they never run): a resource starts such things at its first use in a run. A resource
 * that may hold them implements {@link AutoCloseable}; it is closed with the compiled graph.
 *
 * <pre>{@code
 * public final class ToolsSection implements SectionType {
 *   public String name() { return "tools"; }
 *   public Optional<Object> compile(YNode section, CompileContext ctx) { return Optional.of(new ToolRegistry(...)); }
 *   ...
 * }
 * }</pre>
 */
public interface SectionType {
  /** The top-level key. */
  String name();

  String summary();

  /** JSON Schema (draft 2020-12) of the section's value. */
  String schema();

  /** A YAML example of the section (with its key). */
  String example();

  /** Sections compile in ascending order (a memory section may need the models one). */
  default int order() {
    return 100;
  }

  /**
   * Builds the section's resource, reporting problems through {@code ctx.problems()}; {@code
   * section} is absent (null) when the workflow does not write the section, so defaults can apply.
   */
  Optional<Object> compile(YNode section, CompileContext ctx);
}
