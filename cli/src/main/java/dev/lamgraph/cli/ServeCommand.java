package dev.lamgraph.cli;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.RunQueue;
import dev.lamgraph.engine.util.Sizes;
import dev.lamgraph.server.LamServer;
import dev.lamgraph.server.api.Routes;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerOptions;
import dev.lamgraph.server.workflows.ServedWorkflow;
import dev.lamgraph.server.workflows.WorkflowRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam serve}: serves workflows, threads and runs over HTTP in the LangGraph Server API's shapes. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Serve workflows over HTTP (LangGraph Server API).",
    description = "Serves every workflow file under PATH (default: graphs/ if present, else the current folder) as a"
        + " LangGraph assistant, with its threads and runs, to the LangGraph SDKs, agent-chat-ui and the studio at /."
        + " A workflow file is reloaded when it changes; one that stops compiling keeps its last good version. Runs are"
        + " threads of the store, as with `lam run`. SIGTERM or Ctrl-C stops it: runs stop at a step boundary and are"
        + " resumable.",
    footer = {"", "Exit codes: 0 stopped, 1 the store cannot be used, 2 usage error.",
        "", "Examples:", "  lam serve                                # graphs/ on http://127.0.0.1:2024",
        "  lam serve graphs/counter.yaml --port 8123 --cors http://localhost:3000",
        "  LAM_TOKEN=s3cret lam serve --host 0.0.0.0 --token-env LAM_TOKEN",
        "  lam serve --webhook-allow hooks.example.com,ci.example.com:8443"})
final class ServeCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "workflow files or folders (default: graphs/ if present, else .)")
  List<String> paths = new ArrayList<>();

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "address to bind (default 127.0.0.1); any other than loopback needs --token-env")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "2024", description = "port (default 2024; 0 = any free port)")
  int port;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
      description = "runs executed at once by this server (default 4); 0 = queue them for `lam worker`s (PostgreSQL store)")
  int workers;

  @Option(names = "--token-env", paramLabel = "NAME",
      description = "environment variable holding the bearer token every request but /ok must carry")
  String tokenEnv;

  @Option(names = "--cors", paramLabel = "ORIGIN", description = "allow this browser origin (repeatable; * = any); default: CORS off")
  List<String> cors = new ArrayList<>();

  @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1MiB", description = "largest request body (default 1MiB)")
  String maxBody;

  @Option(names = "--webhook-allow", paramLabel = "HOST[:PORT]", split = ",",
      description = "hosts a run's or cron's `webhook` URL may name (exact names, comma-separated or repeated; no port ="
          + " the scheme's default); default: webhooks off (a body with `webhook` is a 422)")
  List<String> webhookAllow = new ArrayList<>();

  @Option(names = "--webhook-allow-private",
      description = "let webhooks reach loopback, private and link-local addresses of the allowed hosts (default: refused)")
  boolean webhookAllowPrivate;

  @Mixin StoreOption store = new StoreOption();

  ServeCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerOptions options = options();
    List<Path> roots = roots();
    CheckpointStore s = store.open(t);
    try {
      if (workers == 0 && !(s instanceof RunQueue)) {
        throw CliException.usage("--workers 0 queues runs for `lam worker`s, which needs a PostgreSQL store; "
            + s.location() + " has no run queue");
      }
      try (WorkflowRegistry registry = new WorkflowRegistry(roots, () -> t.compiler().envOptional(), Clock.systemUTC())) {
        registry.scan();
        report(registry);
        registry.onChange(w -> t.out().println(w.current() ? "reloaded " + w.name() + " (" + w.file() + ")"
            : w.name() + " (" + w.file() + ") no longer compiles; serving its last good version: "
                + Diagnostics.summary(w.diagnostics())));
        registry.watch(Duration.ofSeconds(1));
        ServerContext ctx = new ServerContext(options, registry, s, t.env(), t.redactor(), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        LamServer server = LamServer.start(ctx, Routes.standard(Version.number()));
        Thread hook = new Thread(() -> {
          t.out().println("lam serve stopping: runs stop at a step boundary and stay resumable");
          server.close();
          t.out().println("lam serve stopped");
          t.out().flush();
          stopped.countDown();
        }, "lam-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        t.out().println("lam serve: " + registry.all().size() + " workflow" + (registry.all().size() == 1 ? "" : "s")
            + " on " + server.url() + " (store " + s.location() + ")" + (options.token() == null ? "" : "; bearer token required"));
        t.out().println("studio: " + server.url() + "/" + (options.token() == null ? "" : " (sign in with the token)"));
        t.out().flush();
        stopped.await();
        return ExitCodes.OK;
      }
    } finally {
      s.close();
    }
  }

  private ServerOptions options() {
    String token = null;
    if (tokenEnv != null) {
      token = t.env().get(tokenEnv);
      if (token == null || token.isBlank()) throw CliException.usage("--token-env " + tokenEnv + ": the variable is not set");
      t.redactor().addSecret(token);
    }
    long body = Sizes.parse(maxBody).orElseThrow(() -> CliException.usage("--max-body " + maxBody
        + ": expected a size such as 512KiB or 1MiB"));
    try {
      return new ServerOptions(host, port, token, cors, body, workers, webhookAllow, webhookAllowPrivate);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private List<Path> roots() {
    List<Path> roots = new ArrayList<>();
    for (String p : paths) {
      Path r = t.resolve(p);
      if (!Files.exists(r)) throw CliException.usage("no such file or folder: " + p);
      roots.add(r);
    }
    if (roots.isEmpty()) {
      Path graphs = t.resolve("graphs");
      roots.add(Files.isDirectory(graphs) ? graphs : t.resolve("."));
    }
    return roots;
  }

  private void report(WorkflowRegistry registry) {
    for (ServedWorkflow w : registry.all()) {
      if (!w.runnable()) t.err().println("lam: warning: " + w.file() + " does not compile (" + Diagnostics.summary(w.diagnostics())
          + "); served once it does");
    }
    for (String p : registry.problems()) t.err().println("lam: warning: " + p);
  }
}
