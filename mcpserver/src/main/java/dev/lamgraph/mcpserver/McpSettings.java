package dev.lamgraph.mcpserver;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunListener;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.util.Redactor;
import java.util.Map;

/**
 * What the MCP server runs with: the environment workflows see ({@code ${env:NAME}}, store key,
 * {@code LAM_SANDBOX}...), the redactor every output goes through, and the open checkpoint store
 * (threads started over MCP are ordinary threads: {@code lam runs} lists them), and {@code shown},
 * applied to what a tool call answers after masking (a tool's result or error; {@code lam serve}
 * makes the served folder's paths relative there; {@code lam mcp} shows them as they are).
 */
public record McpSettings(Map<String, String> env, Redactor redactor, CheckpointStore store,
    java.util.function.UnaryOperator<Object> shown) {
  public McpSettings {
    env = Map.copyOf(env);
    java.util.Objects.requireNonNull(shown, "shown");
  }

  /** Settings that show answers as they are. */
  public McpSettings(Map<String, String> env, Redactor redactor, CheckpointStore store) {
    this(env, redactor, store, java.util.function.UnaryOperator.identity());
  }

  /** The compiler for runs: node types on the class path, this environment and redactor. */
  Compiler compiler() {
    return Compiler.withDefaults(env, redactor);
  }

  /** Run options with this environment and redactor, reporting to {@code listener}. */
  RunOptions runOptions(RunListener listener) {
    return RunOptions.defaults().withEnv(env).withRedactor(redactor).withListener(listener);
  }
}
