package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.util.Redactor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command writes and what it sees: standard output and error, the working directory
 * (relative paths resolve against it), the environment ({@code LAM_STORE}, {@code LAM_DEBUG},
 * {@code COLUMNS}, and everything workflows read: {@code ${env:NAME}}, {@code LAM_SANDBOX},
 * {@code LAM_RECORD}...) and the redactor of the command's secrets. The CLI is the one place that
 * reads the process environment ({@link #system()}); the compiler, the store and the runs get this
 * environment and redactor from here. Tests pass StringWriters, a temporary directory and a map.
 * Everything written to {@code out} and {@code err} is masked for secrets on its way out
 * ({@link RedactingWriter}).
 *
 * <pre>{@code
 * Terminal t = Terminal.of(new StringWriter(), new StringWriter(), tmp, Map.of());
 * }</pre>
 */
public record Terminal(PrintWriter out, PrintWriter err, Path cwd, Map<String, String> env, Redactor redactor) {
  static final int DEFAULT_WIDTH = 120;

  /**
   * The process's own terminal: System.out/err, the current directory, the real environment.
   * Standard error gets each line at once; standard output too when it is a terminal, else (a
   * file, a pipe) in blocks, at most {@link RedactingWriter#LATEST_MS} ms late (see there).
   */
  public static Terminal system() {
    return of(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), new OutputStreamWriter(System.err,
        StandardCharsets.UTF_8), Path.of(""), System.getenv(), stdoutIsTerminal());
  }

  /** A terminal on these writers, directory and environment, with a redactor of its own; every line reaches them at once. */
  public static Terminal of(Writer out, Writer err, Path cwd, Map<String, String> env) {
    return of(out, err, cwd, env, true);
  }

  static Terminal of(Writer out, Writer err, Path cwd, Map<String, String> env, boolean outEachLine) {
    Redactor secrets = new Redactor();
    PrintWriter o = new TerminalWriter(new RedactingWriter(out, secrets, outEachLine), null);
    PrintWriter e = new TerminalWriter(new RedactingWriter(err, secrets, true), o);
    return new Terminal(o, e, cwd, Map.copyOf(env), secrets);
  }

  /**
   * Whether standard output is a terminal: the launcher says so ({@code -Dlam.stdout.tty=1|0},
   * from the shell's {@code [ -t 1 ]}); without it, Java's console (stdin and stdout both terminals).
   */
  static boolean stdoutIsTerminal() {
    String told = System.getProperty("lam.stdout.tty");
    return told != null ? !told.equals("0") : System.console() != null;
  }

  /** This terminal (same output and redactor) seeing {@code e} as its environment, e.g. with {@code LAM_RECORD} added. */
  Terminal withEnv(Map<String, String> e) {
    return new Terminal(out, err, cwd, Map.copyOf(e), redactor);
  }

  /** The compiler of this command: the node and section types on the class path, this environment and redactor. */
  Compiler compiler() {
    return Compiler.withDefaults(env, redactor);
  }

  /** Run options with this environment (store key) and redactor (trace masking, sealing). */
  RunOptions runOptions() {
    return RunOptions.defaults().withEnv(env).withRedactor(redactor);
  }

  /**
   * {@code text} with every secret this command knows masked: the secrets of the workflows it
   * compiled and those named by the sealed values it read from the store. For text written to files
   * (HTML pages, diagrams) and for values cut for display (mask first, then cut). Terminal output is
   * masked anyway.
   */
  String redact(String text) {
    return redactor.redact(text);
  }

  /** A path argument resolved against the working directory (kept relative when the directory is ""). */
  Path resolve(String path) {
    return cwd.resolve(path);
  }

  /**
   * Columns for progress lines: {@code $COLUMNS}, else 120. Read per progress line, so a missing or
   * odd value is told apart without an exception (throwing one per step cost several µs).
   */
  int width() {
    String s = env.getOrDefault("COLUMNS", "").strip();
    if (s.isEmpty() || s.length() > 6) return DEFAULT_WIDTH;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return DEFAULT_WIDTH;
    }
    int w = Integer.parseInt(s);
    return w >= 40 ? w : DEFAULT_WIDTH;
  }

  /** {@code LAM_DEBUG} set to anything but "" or "0": print stack traces. */
  boolean debug() {
    String d = env.get("LAM_DEBUG");
    return d != null && !d.isBlank() && !d.strip().equals("0");
  }

  /** {@code $LAM_STORE}, else {@code sqlite:<cwd>/.lam/lam.db}. */
  String defaultStoreUrl() {
    return Stores.defaultUrl(cwd, env);
  }

  /** Cuts a line to the terminal width, marking the cut with an ellipsis. */
  String fit(String line) {
    int w = width();
    return line.length() <= w ? line : line.substring(0, w - 1) + "…";
  }
}
