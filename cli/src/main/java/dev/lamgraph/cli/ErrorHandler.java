package dev.lamgraph.cli;

import dev.lamgraph.engine.exec.EngineFailure;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.util.Printable;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code: usage mistakes and
 * {@link CliException}s exit 2, store problems ({@link StoreException}) exit 1 (2 for a thread
 * that does not exist or already exists), a run failed by an engine bug ({@link EngineFailure})
 * exits 1, anything unexpected exits 1 with a hint to set
 * {@code LAM_DEBUG=1} for the stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final Terminal t;

  ErrorHandler(Terminal t) {
    this.t = t;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    // picocli quotes the offending argument: escape it, so a newline or an ANSI sequence typed as
    // an argument cannot break the one-line error or drive the terminal
    t.err().println("lam: error: " + Printable.clip(ex.getMessage(), 1000) + " (see '" + name + " --help')");
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    return report(t, ex);
  }

  /** Prints {@code e} as one line (plus the stack trace under LAM_DEBUG) and returns the exit code. */
  static int report(Terminal t, Throwable e) {
    PrintWriter err = t.err();
    if (e instanceof CliException c) {
      err.println("lam: error: " + c.getMessage());
      return c.exitCode();
    }
    if (e instanceof StoreException s) {
      err.println("lam: error: " + oneLine(s.getMessage()));
      if (t.debug()) err.print(trace(s));
      return switch (s.reason()) {
        case NOT_FOUND, EXISTS -> ExitCodes.USAGE;
        default -> ExitCodes.FAILED;
      };
    }
    if (e instanceof EngineFailure f) { // the run was failed (engine_error) before it was released
      err.println("lam: error: " + oneLine(f.getMessage()) + (t.debug() ? "" : " (LAM_DEBUG=1 shows the stack trace)"));
      if (t.debug()) err.print(trace(f));
      return ExitCodes.FAILED;
    }
    if (e instanceof InterruptedException) {
      err.println("lam: error: interrupted");
      return ExitCodes.FAILED;
    }
    err.println("lam: error: unexpected " + e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage())));
    if (t.debug()) err.print(trace(e));
    else err.println("lam: run with LAM_DEBUG=1 for the stack trace");
    return ExitCodes.FAILED;
  }

  /** {@code s} on one line: line breaks become spaces, other control characters escapes (see {@link Printable}). */
  static String oneLine(String s) {
    return s == null ? "" : Printable.escape(s.replaceAll("\\s*\\R\\s*", " ").strip());
  }

  private static String trace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
