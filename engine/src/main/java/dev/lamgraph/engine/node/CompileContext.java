package dev.lamgraph.engine.node;

import dev.lamgraph.engine.check.Problems;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.trace.Redactor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link NodeType} or {@link SectionType} can use while building: the workflow, CEL, the
 * problem list, and the session it compiles in: the environment its {@code ${env:NAME}} references
 * and settings ({@code LAM_SANDBOX}, {@code LAM_RECORD}...) read, and the redactor its secrets are
 * registered with. Both are injected by whoever compiles (the CLI passes the process environment);
 * a plugin never reads {@link System#getenv()}, so two workflows compiled in one process never see
 * each other's environment or secrets.
 *
 * <pre>{@code
 * String token = EnvRefs.resolve(config, ctx.env(), ctx.redactor()::addSecret, "tool 'weather'");
 * }</pre>
 */
public interface CompileContext {
  WorkflowSpec workflow();

  Map<String, ChannelSpec> channels();

  CelEnv cel();

  Problems problems();

  /** The environment variables this compile sees (read-only; not necessarily the process's). */
  Map<String, String> env();

  /**
   * The redactor of this compile's session: register every secret resolved here (API keys,
   * tokens); objects built here that print or record values at run time mask with it.
   */
  Redactor redactor();

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
