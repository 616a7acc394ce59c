package dev.lamgraph.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
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
  /** Every subcommand by name, in the order {@code lam --help} lists them. */
  static final Map<String, Function<Terminal, Object>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("validate", ValidateCommand::new);
    SUBCOMMANDS.put("run", RunCommand::new);
    SUBCOMMANDS.put("resume", ResumeCommand::new);
    SUBCOMMANDS.put("runs", RunsCommand::new);
    SUBCOMMANDS.put("state", StateCommand::new);
    SUBCOMMANDS.put("history", HistoryCommand::new);
    SUBCOMMANDS.put("fork", ForkCommand::new);
    SUBCOMMANDS.put("replay", ReplayCommand::new);
    SUBCOMMANDS.put("migrate", MigrateCommand::new);
    SUBCOMMANDS.put("export", ExportCommand::new);
    SUBCOMMANDS.put("import", ImportCommand::new);
    SUBCOMMANDS.put("schema", SchemaCommand::new);
    SUBCOMMANDS.put("nodes", NodesCommand::new);
    SUBCOMMANDS.put("diagram", DiagramCommand::new);
    SUBCOMMANDS.put("trace", TraceCommand::new);
    SUBCOMMANDS.put("submit", SubmitCommand::new);
    SUBCOMMANDS.put("worker", WorkerCommand::new);
    SUBCOMMANDS.put("prune", PruneCommand::new);
    SUBCOMMANDS.put("mcp", McpCommand::new);
    SUBCOMMANDS.put("serve", ServeCommand::new);
    SUBCOMMANDS.put("cancel", CancelCommand::new);
    SUBCOMMANDS.put("test", TestCommand::new);
    SUBCOMMANDS.put("eval", EvalCommand::new);
    SUBCOMMANDS.put("init", InitCommand::new);
    SUBCOMMANDS.put("memory", MemoryCommand::with);
  }

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
      if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
        for (String line : new Version().getVersion()) t.out().println(line);
        return 0;
      }
      return commandLine(t, args).execute(args);
    } finally {
      t.out().flush(); // masked output is held until flushed
      t.err().flush();
    }
  }

  /** The {@code lam} command with every subcommand, writing to {@code t}. */
  public static CommandLine commandLine(Terminal t) {
    return commandLine(t, null);
  }

  /**
   * The {@code lam} command for this command line: when {@code args} starts with a subcommand's
   * name, only that subcommand is built (picocli reads every command's annotations by reflection,
   * about a third of a second of start-up for the whole tree); otherwise (no arguments, help, an
   * unknown name) every subcommand, for the usage list and the "did you mean" hints.
   */
  static CommandLine commandLine(Terminal t, String[] args) {
    CommandLine cl = new CommandLine(new LamCommand(t));
    Function<Terminal, Object> only = args != null && args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (only != null) {
      cl.addSubcommand(args[0], only.apply(t));
    } else {
      for (Function<Terminal, Object> make : SUBCOMMANDS.values()) cl.addSubcommand(make.apply(t));
    }
    cl.setOut(t.out());
    cl.setErr(t.err());
    ErrorHandler handler = new ErrorHandler(t);
    cl.setExecutionExceptionHandler(handler);
    cl.setParameterExceptionHandler(handler);
    return cl;
  }
}
