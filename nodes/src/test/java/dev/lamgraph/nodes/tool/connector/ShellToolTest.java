package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell connector: argv only (never a shell string), program allow-list, confinement, timeouts, limits. */
class ShellToolTest {
  @TempDir Path root;

  private ToolRegistry tools(String entries) throws Exception {
    return registry(entries, root);
  }

  @Test
  void runsTheProgramWithOneArgvElementPerPlaceholder() throws Exception {
    try (ToolRegistry r = tools("  say: { type: shell, command: [echo, \"{text}\", \"-{n}-\"], allow: [echo], root: . }")) {
      ToolResult res = r.call("say", Map.of("text", "hello world", "n", 3L), null);
      assertThat(res.ok()).as(String.valueOf(res.error())).isTrue();
      assertThat(res.value()).isEqualTo(Map.of("exit_code", 0L, "stdout", "hello world -3-\n", "stderr", ""));
    }
  }

  @Test
  void shellMetacharactersStayLiteralArgumentsAndRunNothing() throws Exception {
    try (ToolRegistry r = tools("  say: { type: shell, command: [echo, \"{text}\"], allow: [echo], root: . }")) {
      for (String evil : List.of("; touch pwned1", "$(touch pwned2)", "`touch pwned3`", "a && touch pwned4 | cat", "; rm -rf x")) {
        ToolResult res = r.call("say", Map.of("text", evil), null);
        assertThat(res.ok()).isTrue();
        assertThat(((Map<?, ?>) res.value()).get("stdout")).isEqualTo(evil + "\n");
      }
    }
    try (var files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("pwned"));
    }
  }

  @Test
  void aProgramOutsideTheAllowListIsRefusedEvenWhenItComesFromAnArgument() throws Exception {
    try (ToolRegistry r = tools("  run: { type: shell, command: [\"{program}\", pwned], allow: [echo], root: . }")) {
      ToolResult res = r.call("run", Map.of("program", "touch"), null);
      assertThat(res.errorKind()).isEqualTo("refused");
      assertThat(res.error()).contains("'touch'").contains("allowed: echo");
      assertThat(r.call("run", Map.of("program", "echo"), null).ok()).isTrue();
    }
    assertThat(root.resolve("pwned")).doesNotExist();
  }

  @Test
  void compileRejectsAProgramOutsideTheAllowListAndShellStrings() {
    assertThat(codes(toolDiagnostics("  rm: { type: shell, command: [rm, -rf, \"{p}\"], allow: [echo], root: . }", root, Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("SHELL_NOT_ALLOWED").contains("'rm'").contains("allowed: echo"));
    assertThat(codes(toolDiagnostics("  sh: { type: shell, command: [bash, -c, \"echo {x}\"], allow: [bash], root: . }", root, Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("SHELL_STRING"));
    assertThat(codes(toolDiagnostics("  sh: { type: shell, command: [echo], allow: [echo], root: ./missing }", root, Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("TOOL_ROOT").contains("missing"));
    assertThat(codes(toolDiagnostics("  sh: { type: shell, command: [echo] }", root, Map.of())))
        .anySatisfy(d -> assertThat(d).startsWith("MISSING_FIELD").contains("'allow'"));
  }

  @Test
  void theWorkingDirectoryStaysUnderTheRoot() throws Exception {
    Files.createDirectories(root.resolve("sub"));
    try (ToolRegistry r = tools("  where: { type: shell, command: [pwd], allow: [pwd], root: ., cwd: \"{dir}\" }")) {
      assertThat(((Map<?, ?>) r.call("where", Map.of("dir", "sub"), null).value()).get("stdout"))
          .isEqualTo(root.toRealPath().resolve("sub") + "\n");
      assertThat(r.call("where", Map.of("dir", ".."), null).errorKind()).isEqualTo("refused");
      assertThat(r.call("where", Map.of("dir", "/tmp"), null).errorKind()).isEqualTo("refused");
    }
  }

  @Test
  void theCallersEnvironmentIsNotPassedOn() throws Exception {
    try (ToolRegistry r = registry("  env: { type: shell, command: [env], allow: [env], root: ., env: { GREETING: \"${env:GREETING}\" } }",
        root, Map.of("GREETING", "hello-from-test", "PATH", System.getenv("PATH")))) {
      String out = (String) ((Map<?, ?>) r.call("env", Map.of(), null).value()).get("stdout");
      List<String> names = Arrays.stream(out.split("\n")).map(l -> l.substring(0, l.indexOf('=')))
          .filter(n -> !n.equals("PWD")).sorted().toList(); // bwrap's --chdir sets PWD (the working directory)
      assertThat(names).containsExactly("GREETING", "HOME", "LANG", "PATH");
      assertThat(out).contains("GREETING=hello-from-test");
    }
  }

  @Test
  void aNonZeroExitIsAnExitStatusFailureUnlessListedAsOk() throws Exception {
    try (ToolRegistry r = tools("""
          ls: { type: shell, command: [ls, "{path}"], allow: [ls], root: . }
          ls2: { type: shell, command: [ls, "{path}"], allow: [ls], root: ., ok_exit_codes: [0, 2] }""")) {
      ToolResult res = r.call("ls", Map.of("path", "nope"), null);
      assertThat(res.errorKind()).isEqualTo("exit_status");
      assertThat(res.error()).startsWith("'ls' exited with 2: ").contains("nope");
      assertThat(((Map<?, ?>) r.call("ls2", Map.of("path", "nope"), null).value()).get("exit_code")).isEqualTo(2L);
    }
  }

  @Test
  void outputBeyondTheLimitIsCutAndFlagged() throws Exception {
    try (ToolRegistry r = tools("  big: { type: shell, command: [head, -c, \"100000\", /dev/zero], allow: [head], root: ., max_output: 1KiB }")) {
      Map<?, ?> v = (Map<?, ?>) r.call("big", Map.of(), null).value();
      assertThat(((String) v.get("stdout")).length()).isEqualTo(1024);
      assertThat(v.get("truncated")).isEqualTo(true);
    }
  }

  @Test
  void aTimeoutKillsTheWholeProcessTree() throws Exception {
    String marker = "31.4159" + ProcessHandle.current().pid() % 1000;
    Files.writeString(root.resolve("spawn.sh"), "sleep " + marker + " &\nsleep " + marker + "\n");
    try (ToolRegistry r = tools("  slow: { type: shell, command: [sh, spawn.sh], allow: [sh], root: ., timeout: 700ms }")) {
      long t0 = System.nanoTime();
      ToolResult res = r.call("slow", Map.of(), null);
      assertThat(res.errorKind()).isEqualTo("timeout");
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }
    long deadline = System.currentTimeMillis() + 30_000; // a killed process may be listed a moment longer
    while (sleepers(marker) > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
    assertThat(sleepers(marker)).isZero();
  }

  private static long sleepers(String marker) {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).count();
  }
}
