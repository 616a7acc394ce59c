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
 * (threads started over MCP are ordinary threads: {@code lam runs} lists them).
 */
public record McpSettings(Map<String, String> env, Redactor redactor, CheckpointStore store) {
  public McpSettings {
    env = Map.copyOf(env);
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
