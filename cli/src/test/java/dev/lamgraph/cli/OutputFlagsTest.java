package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: {@code --quiet} prints the status line and thread id; {@code --output KEY} one channel's value (run, resume, fork). */
class OutputFlagsTest {
  @TempDir Path dir;

  @Test
  void quietPrintsOnlyTheStatusLineAndTheThreadId() {
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--input", "n=3", "--thread", "q1", "--quiet");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).matches("done: count reached END after 3 steps \\(\\S+\\)\nthread: q1\n");

    r = Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--input", "who=ann", "--thread", "q2", "-q");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("paused before node 'publish' after step 1 (the last committed step): "
        + "interrupt before node 'publish'\nthread: q2\n".replace("interrupt before node 'publish'", pausedMessage(r.out())));
    r = Lam.run(dir, "resume", "q2", "--quiet");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).matches("done: approval reached END after 2 steps \\(\\S+\\)\nthread: q2\n");

    r = Lam.run(dir, "run", Lam.workflow("divide-by-zero.yaml"), "--thread", "q3", "--quiet");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("thread: q3\n");
    assertThat(r.err()).startsWith("lam: run failed at step 2 in node 'divide' (").doesNotContain("\n\n");
  }

  private static String pausedMessage(String out) {
    String first = out.lines().findFirst().orElse("");
    return first.substring(first.indexOf("committed step): ") + "committed step): ".length());
  }

  @Test
  void outputPrintsOneChannelRawForStringsJsonOtherwise() {
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--input", "who=ann", "--thread", "o1", "--output", "draft");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("paused before node 'publish' after step 1").endsWith("thread: o1\n");

    r = Lam.run(dir, "resume", "o1", "--output", "draft");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("hello ann\n");

    r = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--input", "n=2", "--output", "seen");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out().replaceAll("\\s", "")).isEqualTo("[1,2]");
    r = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--input", "n=2", "--output", "count");
    assertThat(r.out()).isEqualTo("2\n");
  }

  @Test
  void forkFollowsTheSameRules() {
    assertThat(Lam.run(dir, "run", Lam.workflow("approval.yaml"), "--input", "who=ann", "--thread", "f1").code()).isEqualTo(3);
    Lam.Result r = Lam.run(dir, "fork", "f1", "--from", "1", "--set", "draft=bonjour", "--thread", "f2", "--quiet");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("forked thread f1 at checkpoint 1 as f2, with draft set at step 2\nthread: f2\n");
    r = Lam.run(dir, "fork", "f1", "--from", "1", "--set", "draft=hola", "--output", "draft");
    assertThat(r.out()).isEqualTo("hola\n");
  }

  @Test
  void anUnknownOutputChannelIsRefusedBeforeAnyThreadExists() {
    Lam.Result r = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--input", "n=2", "--output", "cont", "--thread", "u1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lam: error: --output: workflow 'count' has no channel 'cont'; channels: count, seen; "
        + "did you mean 'count'?\n");
    assertThat(Lam.run(dir, "runs").out()).doesNotContain("u1");
    r = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--input", "n=2", "--output", "count", "--json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--output and --json exclude each other");
  }
}
