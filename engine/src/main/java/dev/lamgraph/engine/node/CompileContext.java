package dev.lamgraph.engine.node;

import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What a {@link NodeType} can use while building a node: the workflow, CEL, and the problem list. */
public interface CompileContext {
  WorkflowSpec workflow();

  Map<String, ChannelSpec> channels();

  CelEnv cel();

  Problems problems();

  /** Directory of the workflow file, to resolve relative paths. */
  Path baseDir();

  /**
   * Compiles a CEL expression written at {@code pos}; reports EXPR_COMPILE at the exact column and
   * returns empty on error.
   */
  Optional<Expr> expression(String source, Pos pos, String what);

  /**
   * The compiled resource of a plugin section ({@link SectionType}), e.g. the tool registry of
   * {@code tools:}; empty when no such section type is installed or it failed to compile.
   */
  <T> Optional<T> section(String name, Class<T> type);
}
