package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: rejecting an approval routes to the edge's {@code rejected:} target; a misuse is a validation error. */
class RejectCommandTest {
  @TempDir Path dir;

  static final String WORKFLOW = """
      name: publish
      state:
        ok: { type: boolean }
        log: { type: list, reducer: append }
      nodes:
        approve: { type: human, prompt: "Publish the draft?", output: ok }
        publish: { type: set, set: { log: "'published'" } }
        discard: { type: set, set: { log: "'discarded'" } }
      edges:
        - { from: START, to: approve }
        - { from: approve, to: publish, rejected: discard }
        - { from: publish, to: END }
        - { from: discard, to: END }
      """;

  @Test
  void aRejectedApprovalTakesTheRejectedEdge() throws Exception {
    Path w = Files.writeString(dir.resolve("publish.yaml"), WORKFLOW);
    assertThat(Lam.run(dir, "run", w, "--thread", "p1", "-q").code()).isEqualTo(3);
    Lam.Result r = Lam.run(dir, "resume", "p1", "--input", "ok=false", "--output", "log");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out().replaceAll("\\s", "")).isEqualTo("[\"discarded\"]");
    assertThat(Lam.run(dir, "run", w, "--thread", "p2", "-q").code()).isEqualTo(3);
    r = Lam.run(dir, "resume", "p2", "--input", "ok=true", "--output", "log");
    assertThat(r.out().replaceAll("\\s", "")).isEqualTo("[\"published\"]");
  }

  @Test
  void rejectedOutOfANodeThatIsNoApprovalIsRefused() throws Exception {
    Path w = Files.writeString(dir.resolve("bad.yaml"), WORKFLOW.replace("to: END }\n  - { from: discard", "to: END, rejected: discard }\n  - { from: discard"));
    Lam.Result r = Lam.run(dir, "validate", w);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains(":12:41: error[REJECTED_EDGE]: 'rejected' routes a human node's answer, but node 'publish' is of type set; human nodes: approve");
  }
}
