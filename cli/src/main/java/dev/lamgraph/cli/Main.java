package dev.lamgraph.cli;

import picocli.CommandLine;

/**
 * Entry point of {@code lam}. The only place that calls {@link System#exit}; everything else
 * returns exit codes.
 *
 * <pre>{@code
 * int code = Main.run(Terminal.system(), "run", "graphs/agent-loop.yaml");
 * }</pre>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Terminal t = Terminal.system();
    int code = run(t, args);
    t.out().flush();
    t.err().flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code. */
  public static int run(Terminal t, String... args) {
    try {
      return commandLine(t).execute(args);
    } finally {
      t.out().flush(); // masked output is held until flushed
      t.err().flush();
    }
  }

  /** The {@code lam} command with every subcommand, writing to {@code t}. */
  public static CommandLine commandLine(Terminal t) {
    CommandLine cl = new CommandLine(new LamCommand(t));
    cl.addSubcommand(new ValidateCommand(t));
    cl.addSubcommand(new RunCommand(t));
    cl.addSubcommand(new ResumeCommand(t));
    cl.addSubcommand(new RunsCommand(t));
    cl.addSubcommand(new StateCommand(t));
    cl.addSubcommand(new HistoryCommand(t));
    cl.addSubcommand(new ForkCommand(t));
    cl.addSubcommand(new ReplayCommand(t));
    cl.addSubcommand(new MigrateCommand(t));
    cl.addSubcommand(new ExportCommand(t));
    cl.addSubcommand(new ImportCommand(t));
    cl.addSubcommand(new SchemaCommand(t));
    cl.addSubcommand(new NodesCommand(t));
    cl.addSubcommand(new DiagramCommand(t));
    cl.addSubcommand(new TraceCommand(t));
    cl.addSubcommand(new SubmitCommand(t));
    cl.addSubcommand(new WorkerCommand(t));
    cl.addSubcommand(new PruneCommand(t));
    cl.addSubcommand(new McpCommand(t));
    cl.addSubcommand(new ServeCommand(t));
    cl.addSubcommand(new CancelCommand(t));
    cl.addSubcommand(new TestCommand(t));
    cl.addSubcommand(new EvalCommand(t));
    cl.addSubcommand("memory", MemoryCommand.with(t));
    cl.setOut(t.out());
    cl.setErr(t.err());
    ErrorHandler handler = new ErrorHandler(t);
    cl.setExecutionExceptionHandler(handler);
    cl.setParameterExceptionHandler(handler);
    return cl;
  }
}
