package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How terminal output reaches the process: masked per line or printf, at once on a terminal, in
 * blocks otherwise (a file, a pipe), yet never more than a moment late, and stderr after the
 * stdout lines printed before it.
 */
class TerminalOutputTest {
  /** A writer that records what reaches "the process" only when flushed, as System.out's encoder does. */
  static final class Process extends Writer {
    final StringBuilder buffered = new StringBuilder();
    final StringBuilder arrived = new StringBuilder();
    final StringBuilder log;

    Process(StringBuilder log) {
      this.log = log;
    }

    @Override
    public synchronized void write(char[] c, int off, int len) {
      buffered.append(c, off, len);
    }

    @Override
    public synchronized void flush() {
      arrived.append(buffered);
      log.append(buffered);
      buffered.setLength(0);
    }

    @Override
    public void close() {}

    synchronized String arrived() {
      return arrived.toString();
    }
  }

  @Test
  void onATerminalEveryLineArrivesAtOnceMasked() {
    StringBuilder log = new StringBuilder();
    Process out = new Process(log);
    Terminal t = Terminal.of(out, new Process(log), Path.of(""), Map.of(), true);
    t.redactor().addSecret("hunter22");
    t.out().println("key hunter22 used");
    assertThat(out.arrived()).isEqualTo("key *** used" + System.lineSeparator());
    t.out().printf("%s!", "hunter22");
    assertThat(out.arrived()).endsWith("***!");
  }

  @Test
  void elsewhereLinesAreMaskedButHeldThenArriveWithoutAFlush() throws Exception {
    StringBuilder log = new StringBuilder();
    Process out = new Process(log);
    Terminal t = Terminal.of(out, new Process(log), Path.of(""), Map.of(), false);
    t.redactor().addSecret("hunter22");
    for (int i = 0; i < 3; i++) t.out().println("step " + i + " hunter22");
    // masked as whole lines on the way into the buffer: no secret even in the held text
    synchronized (out) {
      assertThat(out.buffered.toString() + out.arrived).doesNotContain("hunter22");
    }
    // nobody flushes: the output's daemon thread brings the lines out shortly after
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!out.arrived().contains("step 2") && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(out.arrived()).contains("step 0 ***", "step 1 ***", "step 2 ***");
  }

  @Test
  void anErrorLineComesAfterTheHeldOutputLinesPrintedBeforeIt() {
    StringBuilder log = new StringBuilder();
    Terminal t = Terminal.of(new Process(log), new Process(log), Path.of(""), Map.of(), false);
    t.out().println("progress 1");
    t.err().println("lam: error: boom");
    t.out().println("progress 2");
    t.out().flush();
    String nl = System.lineSeparator();
    assertThat(log.toString()).isEqualTo("progress 1" + nl + "lam: error: boom" + nl + "progress 2" + nl);
  }

  @Test
  void versionAndHelpStillWorkWithTheLazyCommandTree() {
    StringWriter out = new StringWriter();
    int code = Main.run(Terminal.of(out, new StringWriter(), Path.of(""), Map.of()), "--version");
    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("lam (lamgraph) ").contains("Java ");
    StringWriter help = new StringWriter();
    assertThat(Main.run(Terminal.of(help, new StringWriter(), Path.of(""), Map.of()), "--help")).isZero();
    for (String c : new String[] {"validate", "run", "resume", "worker", "serve", "eval"}) assertThat(help.toString()).contains(c);
    StringWriter runHelp = new StringWriter();
    assertThat(Main.run(Terminal.of(runHelp, new StringWriter(), Path.of(""), Map.of()), "run", "--help")).isZero();
    assertThat(runHelp.toString()).contains("Usage: lam run");
  }

  @Test
  void eachSubcommandIsRegisteredUnderItsOwnName() {
    StringWriter help = new StringWriter();
    Main.run(Terminal.of(help, new StringWriter(), Path.of(""), Map.of()), "--help");
    for (String name : Main.SUBCOMMANDS.keySet()) {
      StringWriter out = new StringWriter();
      assertThat(Main.run(Terminal.of(out, new StringWriter(), Path.of(""), Map.of()), name, "--help")).as(name).isZero();
      assertThat(out.toString()).as(name).contains("Usage: lam " + name + " ");
      assertThat(help.toString()).as(name).containsPattern("(?m)^  " + name + "\\s");
    }
  }
}
