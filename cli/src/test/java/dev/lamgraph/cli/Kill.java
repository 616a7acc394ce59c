package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SIGKILL of a process together with a snapshot of the processes it had started (tool calls): the
 * process is first stopped (SIGSTOP), so it cannot start another child between the snapshot and the
 * kill; then the test can wait for those children to finish (their effects are the killed run's)
 * or end them (a tool call blocked on a gate the test holds). Linux only, as are the kill tests.
 */
final class Kill {
  private Kill() {}

  /** Stops {@code p}, snapshots its live descendants, kills it with SIGKILL; returns the snapshot. */
  static List<ProcessHandle> withChildren(Process p) throws IOException, InterruptedException {
    assertThat(p.isAlive()).as("still running when killed").isTrue();
    signal(p.pid(), "STOP");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!stopped(p.pid())) {
      assertThat(System.nanoTime()).as("process " + p.pid() + " stopped").isLessThan(deadline);
      Thread.sleep(5);
    }
    List<ProcessHandle> children = p.descendants().filter(ProcessHandle::isAlive).toList();
    p.destroyForcibly(); // SIGKILL also ends a stopped process: no shutdown hooks, no cleanup
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137);
    return children;
  }

  /** Waits (generously) until every one of {@code processes} has ended. */
  static void awaitEnd(List<ProcessHandle> processes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (ProcessHandle h : processes) {
      while (h.isAlive()) {
        assertThat(System.nanoTime()).as("process " + h.pid() + " ended").isLessThan(deadline);
        Thread.sleep(10);
      }
    }
  }

  /** Ends {@code processes} with SIGKILL and waits until they are gone. */
  static void end(List<ProcessHandle> processes) throws InterruptedException {
    processes.forEach(ProcessHandle::destroyForcibly);
    awaitEnd(processes);
  }

  private static void signal(long pid, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
    assertThat(kill.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(kill.exitValue()).as("kill -" + signal + " " + pid).isZero();
  }

  /** Every thread of {@code pid} is stopped (T), or already gone. */
  private static boolean stopped(long pid) throws IOException {
    Path tasks = Path.of("/proc", String.valueOf(pid), "task");
    try (Stream<Path> all = Files.list(tasks)) {
      for (Path t : all.toList()) {
        String stat;
        try {
          stat = Files.readString(t.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        if (state != 'T' && state != 't' && state != 'Z' && state != 'X') return false;
      }
    }
    return true;
  }
}
