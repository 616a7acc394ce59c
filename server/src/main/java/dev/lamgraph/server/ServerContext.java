package dev.lamgraph.server;

import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.server.crons.CronService;
import dev.lamgraph.server.runs.RunManager;
import dev.lamgraph.server.threads.GraphCache;
import dev.lamgraph.server.threads.ThreadBook;
import dev.lamgraph.server.webhooks.WebhookPolicy;
import dev.lamgraph.server.webhooks.WebhookSender;
import dev.lamgraph.server.workflows.ServedPaths;
import dev.lamgraph.server.workflows.ServedWorkflow;
import dev.lamgraph.server.workflows.WorkflowRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * What every route group shares: the options, the served workflows, the store, the environment the
 * workflows and runs see, and the server's redactor (the secrets of every workflow it compiled and
 * of every sealed value it read: everything answered goes through {@link #maskedJson}).
 */
public final class ServerContext {
  private final ServerOptions options;
  private final WorkflowRegistry registry;
  private final CheckpointStore store;
  private final Map<String, String> env;
  private final Redactor redactor;
  private final Clock clock;
  private final ThreadBook threads;
  private final GraphCache graphs;
  private final RunManager runs;
  private final Sessions sessions;
  private final CronService crons;
  private final WebhookSender webhooks;
  private final ServedPaths paths;

  public ServerContext(ServerOptions options, WorkflowRegistry registry, CheckpointStore store, Map<String, String> env,
      Redactor redactor, Clock clock) {
    this.options = options;
    this.registry = registry;
    this.store = store;
    this.env = Map.copyOf(env);
    this.redactor = redactor;
    this.clock = clock;
    this.paths = new ServedPaths(registry.roots());
    this.threads = new ThreadBook(store, clock);
    this.graphs = new GraphCache(registry, this::compiler);
    WebhookPolicy hooks = new WebhookPolicy(options.webhookAllow(), options.webhookAllowPrivate(), WebhookPolicy.SYSTEM);
    this.webhooks = WebhookSender.standard(hooks, w -> System.err.println("lam: warning: " + redactor.redact(w)));
    this.runs = new RunManager(threads, graphs, runOptions(), options.workers(), webhooks);
    this.sessions = new Sessions(clock, Sessions.TTL);
    this.crons = new CronService(store, registry, runs, clock, w -> System.err.println("lam: warning: " + redactor.redact(w)));
  }

  /** The crons of the store, fired by this server once {@link LamServer} starts their ticker. */
  public CronService crons() {
    return crons;
  }

  /** The webhooks of runs and crons: {@code check} a URL (422 when refused), send in the background. */
  public WebhookSender webhooks() {
    return webhooks;
  }

  /** The LangGraph threads (chains of lamgraph threads, with their metadata). */
  public ThreadBook threads() {
    return threads;
  }

  /** The compiled workflow each stored thread runs with. */
  public GraphCache graphs() {
    return graphs;
  }

  /** The studio's sign-in sessions. */
  public Sessions sessions() {
    return sessions;
  }

  /** The runs of this server. */
  public RunManager runs() {
    return runs;
  }

  /** Stops the runs at their next step boundary (resumable), waiting up to {@code grace}; then frees the graphs. */
  public void shutdown(java.time.Duration grace) {
    crons.close();
    runs.shutdown(grace);
    graphs.close();
    webhooks.close();
  }

  public ServerOptions options() {
    return options;
  }

  public WorkflowRegistry registry() {
    return registry;
  }

  public CheckpointStore store() {
    return store;
  }

  public Map<String, String> env() {
    return env;
  }

  public Redactor redactor() {
    return redactor;
  }

  public Clock clock() {
    return clock;
  }

  /** A compiler with this environment and redactor (one per compile, as the CLI does). */
  public Compiler compiler() {
    return Compiler.withDefaults(env, redactor);
  }

  /** Run options with this environment, redactor and clock. */
  public RunOptions runOptions() {
    return RunOptions.defaults().withEnv(env).withRedactor(redactor).withClock(clock);
  }

  /** A served workflow by name; 404 when there is none. */
  public ServedWorkflow workflow(String name) {
    return registry.get(name).orElseThrow(() -> ApiException.notFound("no workflow '" + name + "' is served"));
  }

  /** The served folders, to take out of answers. */
  public ServedPaths paths() {
    return paths;
  }

  /**
   * {@code value} as JSON with every secret masked (strings and keys, anywhere inside) and the
   * served folders' absolute paths made relative ({@link ServedPaths}).
   */
  public String maskedJson(Object value) {
    return Json.write(paths.relativeValue(redactor.redactValue(value)));
  }
}
