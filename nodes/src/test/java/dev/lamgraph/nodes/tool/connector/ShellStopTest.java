package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shell tool call whose node is stopped (the run's {@code limits.timeout} passed: the engine
 * interrupts the node's thread) kills the tool's whole process tree before the call returns, so
 * nothing outlives the run, even when the JVM exits right after.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShellStopTest {
  @TempDir Path root;

  @Test
  void interruptingTheCallingThreadKillsTheProcessTreeBeforeTheCallReturns() throws Exception {
    String marker = "1000.7" + ProcessHandle.current().pid();
    Files.writeString(root.resolve("spawn.sh"), "sleep " + marker + " &\nsleep " + marker + "\nwait\n");
    try (ToolRegistry r = registry("  hang: { type: shell, command: [sh, spawn.sh], allow: [sh], root: ., timeout: 1h }", root)) {
      AtomicReference<ToolResult> result = new AtomicReference<>();
      Thread node = new Thread(() -> result.set(r.call("hang", Map.of(), null)), "node");
      node.start();
      long until = System.currentTimeMillis() + 20_000;
      while (sleepers(marker) < 2 && System.currentTimeMillis() < until) Thread.sleep(20);
      assertThat(sleepers(marker)).as("the shell and its background sleep are running").isEqualTo(2);
      long t0 = System.nanoTime();
      node.interrupt();
      node.join(10_000);
      assertThat(node.isAlive()).isFalse();
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
      assertThat(result.get().errorKind()).isEqualTo("timeout");
      assertThat(sleepers(marker)).as("no sleep survives the call, not even the background one").isZero();
    }
  }

  private static long sleepers(String marker) {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).count();
  }
}
