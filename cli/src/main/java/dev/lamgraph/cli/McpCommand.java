package dev.lamgraph.cli;

import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.mcpserver.LamMcpServer;
import dev.lamgraph.mcpserver.McpSettings;
import dev.lamgraph.mcpserver.WorkflowSet;
import dev.lamgraph.mcpserver.WorkflowWatch;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam mcp [PATH...]}: serve workflows as MCP tools over stdio, for desktop clients and other agents. */
@Command(name = "mcp", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Serve workflows as MCP tools over stdio.",
    description = {"Serves each workflow of the files and directories given (default: the current directory's *.yaml) "
        + "as a Model Context Protocol tool over standard input and output, for MCP clients (desktop assistants, IDEs, "
        + "agents, another workflow's mcp tool). A call runs the workflow as a new thread on the store, like `lam run`: "
        + "`lam runs` lists it. A run that pauses for a person returns its question; the lam_resume tool answers it; "
        + "lam_status and lam_result read any thread. Resources: lam://workflows/TOOL.yaml and .mmd, "
        + "lam://threads/{id}/state and /trace.",
        "The tool list follows the files: a workflow file added, removed or edited is looked at again within a second "
        + "and the client gets notifications/tools/list_changed; a file that stops compiling keeps its last good version.",
        "Standard output carries only JSON-RPC; messages go to standard error. Ends when standard input ends."},
    footer = {"", "Exit codes: 0 input ended, 2 a workflow does not compile or the paths are wrong.", "", "Examples:",
        "  lam mcp graphs/human.yaml graphs/counter.yaml", "  lam mcp graphs --store sqlite:/home/me/.lam/lam.db"})
final class McpCommand implements Callable<Integer> {
  /** How long calls still running when the input ends may take to finish. */
  static final Duration DRAIN = Duration.ofMinutes(10);

  private final Terminal t;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "workflow files or directories (default: .)")
  List<String> paths = new ArrayList<>();

  @Mixin StoreOption store = new StoreOption();

  @Option(names = "--watch-interval-ms", hidden = true, defaultValue = "1000",
      description = "how often the workflow files are looked at again (tests use a short interval)")
  long watchIntervalMs = 1000;

  McpCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws InterruptedException {
    List<Path> files = paths.isEmpty() ? List.of(t.cwd()) : paths.stream().map(t::resolve).toList();
    WorkflowSet set;
    try {
      set = WorkflowSet.load(files, t.compiler());
    } catch (WorkflowSet.LoadException e) {
      for (Diagnostic d : e.diagnostics()) t.err().println(d.format()); // stdout is the protocol's
      throw CliException.usage(e.getMessage());
    }
    // the protocol owns the real stdout; anything else printed by mistake goes to stderr
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream stdout = System.out;
    System.setOut(System.err);
    CountDownLatch ended = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    try (CheckpointStore s = store.open(t);
        LamMcpServer.Stdio server = LamMcpServer.stdio(set, new McpSettings(t.env(), t.redactor(), s), Version.number(),
            new EndSignal(new FileInputStream(FileDescriptor.in), ended, released), protocol);
        WorkflowWatch watch = new WorkflowWatch(files, t.compiler(), set, Duration.ofMillis(Math.max(10, watchIntervalMs)),
            next -> changed(server, next), this::warn)) {
      t.err().println("lam mcp: serving " + set.entries().size() + " workflow" + (set.entries().size() == 1 ? "" : "s")
          + " (" + String.join(", ", set.entries().stream().map(WorkflowSet.Entry::tool).toList()) + ") on stdio; store "
          + s.location());
      t.err().flush();
      watch.start();
      ended.await();
      // the client closed its end: the calls it sent still finish and answer (a run cut short resumes with lam resume)
      if (!server.drain(DRAIN)) {
        t.err().println("lam mcp: input ended; stopping with calls still running (their threads resume with lam resume)");
      }
      released.countDown();
      return ExitCodes.OK;
    } finally {
      released.countDown();
      System.setOut(stdout);
    }
  }

  /** Serves the workflows as the files are now, and says so on standard error. */
  private void changed(LamMcpServer.Stdio server, WorkflowSet next) {
    if (!server.update(next)) return;
    synchronized (t.err()) {
      t.err().println("lam mcp: now serving " + next.entries().size() + " workflow" + (next.entries().size() == 1 ? "" : "s") + " ("
          + String.join(", ", next.entries().stream().map(WorkflowSet.Entry::tool).toList()) + ")");
      t.err().flush();
    }
  }

  private void warn(String message) {
    synchronized (t.err()) {
      t.err().println("lam: warning: " + message);
      t.err().flush();
    }
  }

  /**
   * Standard input that counts {@code ended} down when it ends (the client closed it), then holds
   * the end back from the SDK until {@code released}: the SDK stops writing once its input ends, so
   * the calls already read could not answer.
   */
  private static final class EndSignal extends FilterInputStream {
    private final CountDownLatch ended;
    private final CountDownLatch released;

    EndSignal(InputStream in, CountDownLatch ended, CountDownLatch released) {
      super(in);
      this.ended = ended;
      this.released = released;
    }

    @Override
    public int read() throws IOException {
      return check(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return check(super.read(b, off, len));
    }

    private int check(int n) {
      if (n >= 0) return n;
      ended.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return n;
    }
  }
}
