package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void validWorkflowIsOkAndExitsZero() {
    Lam.Result r = Lam.run(dir, "validate", Lam.AGENT_LOOP);
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains(Lam.AGENT_LOOP + ": ok").contains("checked 1 file: 0 errors, 0 warnings");
  }

  @Test
  void invalidWorkflowPrintsEveryErrorWithCodeAndPositionAndExitsTwo() {
    Path bad = Lam.workflow("unknown-node.yaml");
    Lam.Result r = Lam.run(dir, "validate", Lam.AGENT_LOOP, bad);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains(bad + ":8:23: error[UNKNOWN_NODE]: edge to unknown node 'revew'")
        .doesNotContain("NO_PATH_TO_END") // one typo, one error: no follow-on errors
        .contains(Lam.AGENT_LOOP + ": ok")
        .contains("checked 2 files: 1 error, 0 warnings (1 invalid)");
  }

  @Test
  void warningsArePrintedButDoNotFail() {
    Path loop = Lam.workflow("loop-without-limit.yaml");
    Lam.Result r = Lam.run(dir, "validate", loop);
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains(loop + ":10:3: warning[LOOP_WITHOUT_LIMIT]").contains("0 errors, 1 warning");
  }

  @Test
  void missingFileIsAnErrorAndExitsTwo() {
    Lam.Result r = Lam.run(dir, "validate", "nope.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("error[FILE_NOT_FOUND]").contains("nope.yaml");
  }

  @Test
  void noFileIsAUsageError() {
    Lam.Result r = Lam.run(dir, "validate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("lam: error: Missing required parameter");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonListsDiagnosticsPerFile() {
    Lam.Result r = Lam.run(dir, "validate", "--json", Lam.workflow("unknown-node.yaml"));
    assertThat(r.code()).isEqualTo(2);
    Map<String, Object> m = r.json();
    assertThat(m).containsEntry("valid", false).containsEntry("errors", 1L).containsEntry("warnings", 0L);
    Map<String, Object> file = (Map<String, Object>) ((List<Object>) m.get("files")).get(0);
    List<Map<String, Object>> diags = (List<Map<String, Object>>) file.get("diagnostics");
    assertThat(diags).extracting(d -> d.get("code")).containsExactly("UNKNOWN_NODE");
    assertThat(diags.get(0)).containsEntry("line", 8L).containsEntry("col", 23L).containsEntry("severity", "error");
  }
}
