package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.node.CallStubs;
import dev.lamgraph.engine.util.Redactor;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How runs are executed: clock (fixed in golden tests), the secrets (masked in trace events,
 * sealed in the store), progress listener, the
 * owner name used to lock threads, a stop request checked between steps (a worker shutting
 * down: the run stops after its current step, still running, for another worker to continue), and
 * the environment the runs see (the store key {@code LAM_STORE_KEY} of a store that {@link Runs}
 * seals). Nothing here is process-wide: the CLI passes its environment and the redactor it compiled
 * with; {@link #defaults()} has no environment variables and a redactor of its own.
 *
 * <pre>{@code
 * RunOptions o = RunOptions.defaults().withEnv(env).withRedactor(compiler.redactor());
 * }</pre>
 */
public record RunOptions(Clock clock, Redactor redactor, RunListener listener, String owner, BooleanSupplier stop,
    Map<String, String> env, CallStubs stubs) {
  public RunOptions {
    env = Map.copyOf(env);
    stubs = stubs == null ? CallStubs.NONE : stubs;
  }

  /** Options without stubs (every outside call is made). */
  public RunOptions(Clock clock, Redactor redactor, RunListener listener, String owner, BooleanSupplier stop,
      Map<String, String> env) {
    this(clock, redactor, listener, owner, stop, env, CallStubs.NONE);
  }

  /**
   * Stand-ins for the runs' outside calls (tools, models), which nodes see as {@code
   * NodeContext.stubs()}: {@code lam test} gives each case its own; default {@link CallStubs#NONE}.
   */
  public RunOptions withStubs(CallStubs s) {
    return new RunOptions(clock, redactor, listener, owner, stop, env, s);
  }

  public static RunOptions defaults() {
    return new RunOptions(Clock.systemUTC(), new Redactor(), RunListener.NONE, Owner.self(), () -> false, Map.of());
  }

  public RunOptions withListener(RunListener l) {
    return new RunOptions(clock, redactor, l, owner, stop, env, stubs);
  }

  /**
   * The secrets masked in trace events and sealed in the store (default: an empty redactor of its
   * own). A run's graph adds the secrets it was compiled with ({@code CompiledGraph.secrets()}).
   */
  public RunOptions withRedactor(Redactor r) {
    return new RunOptions(clock, r, listener, owner, stop, env, stubs);
  }

  public RunOptions withClock(Clock c) {
    return new RunOptions(c, redactor, listener, owner, stop, env, stubs);
  }

  public RunOptions withOwner(String o) {
    return new RunOptions(clock, redactor, listener, o, stop, env, stubs);
  }

  /** Runs stop between steps once {@code s} answers true (status stays running; see {@link RunResult#stopped()}). */
  public RunOptions withStop(BooleanSupplier s) {
    return new RunOptions(clock, redactor, listener, owner, s, env, stubs);
  }

  /** The environment the runs see (default: none); e.g. {@code LAM_STORE_KEY} for a store {@link Runs} seals. */
  public RunOptions withEnv(Map<String, String> e) {
    return new RunOptions(clock, redactor, listener, owner, stop, e, stubs);
  }
}
