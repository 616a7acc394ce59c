package dev.lamgraph.engine.node;

import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.util.Spelling;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
   * True when this compile is for inspection only ({@code lam validate}, {@code lam diagram}, {@code
   * lam state}...): a {@code ${env:NAME}} reference to a variable that is not set is then reported
   * as a {@code MISSING_ENV} warning, not an error, and whatever needs it fails when it is first
   * used. False (the default) for a compile whose graph runs.
   */
  default boolean envOptional() {
    return false;
  }

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

  /**
   * The channel that {@code node}'s key {@code key} (e.g. {@code output}) names, when it is declared
   * and can hold a value of one of {@code types} (none: any channel). A channel fits when its type
   * is one of them or {@code any}; an {@code append} channel also fits when its items do (the
   * value is appended as one item) or when a list is written (appended item by item). Otherwise
   * reports {@code UNKNOWN_CHANNEL} (not declared) or {@code OUTPUT_CHANNEL} (cannot hold the
   * value) at the key's value and returns empty.
   *
   * <pre>{@code
   * Optional<ChannelSpec> out = ctx.outputChannel(spec, "output", ValueType.OBJECT);
   * if (out.isEmpty()) return Optional.empty();
   * }</pre>
   */
  default Optional<ChannelSpec> outputChannel(NodeSpec node, String key, ValueType... types) {
    String name = node.config().string(key).orElse("");
    ChannelSpec ch = channels().get(name);
    Pos pos = node.config().valuePos(key);
    if (ch == null) {
      problems().error(Codes.UNKNOWN_CHANNEL, pos, "node '" + node.name() + "' " + key + ": unknown channel '" + name
          + "'; declared: " + (channels().isEmpty() ? "(none)" : String.join(", ", channels().keySet()))
          + Spelling.didYouMean(name, channels().keySet()));
      return Optional.empty();
    }
    List<ValueType> want = Arrays.asList(types);
    boolean fits = want.isEmpty() || ch.type() == ValueType.ANY || want.contains(ch.type())
        || ch.reducer() == ReducerKind.APPEND && (want.contains(ValueType.LIST) || ch.items() == null
            || ch.items() == ValueType.ANY || want.contains(ch.items()));
    if (!fits) {
      problems().error(Codes.OUTPUT_CHANNEL, pos, "node '" + node.name() + "' " + key + ": channel '" + name + "' ("
          + ch.type().yamlName() + ", reducer " + ch.reducer().yamlName() + ") cannot hold "
          + String.join(" or ", want.stream().map(t -> (t == ValueType.OBJECT || t == ValueType.INTEGER ? "an " : "a ")
              + t.yamlName()).toList()) + "; use such a channel" + (want.contains(ValueType.LIST) ? "" : ", or a list with reducer append"));
      return Optional.empty();
    }
    return Optional.of(ch);
  }
}
