package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 13, "retries never fire on tool failures"): a tool node's {@code retry: { on:
 * [error] }} never retried a tool that exited non-zero (its failure kind is {@code exit_status},
 * and the retry matched kind names exactly), and {@code on: [exit_status]} was refused by the
 * schema. {@code error} now means every kind but a timeout; a retry on a tool node without
 * {@code fail_on_error} is warned about, since it can never fire.
 */
class ToolRetryTest {
  /** Fails twice, then prints JSON: counts its calls in a file under its (writable) root. */
  static final String SCRIPT = """
      #!/bin/sh
      n=$(cat calls 2>/dev/null || echo 0)
      n=$((n + 1))
      echo "$n" > calls
      if [ "$n" -lt 3 ]; then echo "call $n fails" >&2; exit 7; fi
      echo '{"calls": '"$n"'}'
      """;

  static String flow(String retry, boolean failOnError) {
    return """
        name: flaky-tool
        tools:
          flaky:
            type: shell
            description: fails on its first two calls
            command: [./flaky.sh]
            allow: [./flaky.sh]
            root: .
            writable: true
            stdout: json
        state:
          calls: { type: any }
        nodes:
          call: { type: tool, tool: flaky, args: {}, save: { calls: "result.json.calls" }, %s retry: %s }
        edges:
          - { from: START, to: call }
          - { from: call, to: END }
        """.formatted(failOnError ? "fail_on_error: true," : "", retry);
  }

  @TempDir Path dir;

  @BeforeEach
  void script() throws Exception {
    Path s = Files.writeString(dir.resolve("flaky.sh"), SCRIPT);
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void onErrorRetriesAToolThatExitsNonZeroUntilItSucceeds() throws Exception {
    Path f = Files.writeString(dir.resolve("flow.yaml"), flow("{ max_attempts: 3, backoff: { initial: 10ms }, on: [error, timeout] }", true));
    Lam.Result r = Lam.run(dir, "run", f, "--thread", "r1", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.json()).containsEntry("status", "done");
    assertThat(Files.readString(dir.resolve("calls")).strip()).isEqualTo("3");
    assertThat(Lam.run(dir, "state", "r1", "--json").json().toString()).contains("calls=3");
    Lam.Result trace = Lam.run(dir, "trace", "r1", "--json");
    assertThat(trace.out()).contains("node_retry").contains("exit_status");
  }

  @Test
  void theRealKindIsAcceptedToo() throws Exception {
    Path f = Files.writeString(dir.resolve("flow.yaml"), flow("{ max_attempts: 3, backoff: { initial: 10ms }, on: [exit_status] }", true));
    assertThat(Lam.run(dir, "validate", f).code()).isZero();
    Lam.Result r = Lam.run(dir, "run", f, "--thread", "r2", "-q");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readString(dir.resolve("calls")).strip()).isEqualTo("3");
  }

  @Test
  void onTimeoutDoesNotRetryAnExitStatus() throws Exception {
    Path f = Files.writeString(dir.resolve("flow.yaml"), flow("{ max_attempts: 3, backoff: { initial: 10ms }, on: [timeout] }", true));
    Lam.Result r = Lam.run(dir, "run", f, "--thread", "r3");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("(exit_status)").contains("exited with 7");
    assertThat(Files.readString(dir.resolve("calls")).strip()).isEqualTo("1");
  }

  @Test
  void anUnknownKindIsRefusedWithTheKnownOnes() throws Exception {
    Path f = Files.writeString(dir.resolve("flow.yaml"), flow("{ max_attempts: 3, on: [exit_stauts] }", true));
    Lam.Result r = Lam.run(dir, "validate", f);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("error[SCHEMA]").contains("exit_stauts");
  }

  @Test
  void aRetryWithoutFailOnErrorIsAWarningAndNeverFires() throws Exception {
    Path f = Files.writeString(dir.resolve("flow.yaml"), flow("{ max_attempts: 3, on: [error] }", false));
    Lam.Result v = Lam.run(dir, "validate", f);
    assertThat(v.code()).as(v.toString()).isZero();
    assertThat(v.out()).containsPattern("flow\\.yaml:14:\\d+: warning\\[RETRY_NEVER_FIRES\\]: node 'call' has a retry, but"
        + " without fail_on_error: true");
    Lam.Result r = Lam.run(dir, "run", f, "--thread", "r4", "-q");
    assertThat(r.code()).as(r.toString()).isZero(); // the failure is an observation: the node succeeds once
    assertThat(Files.readString(dir.resolve("calls")).strip()).isEqualTo("1");
  }
}
