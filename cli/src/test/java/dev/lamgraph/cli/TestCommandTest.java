package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lam test}: passing, failing and invalid test files, stubs that never run the real tool, JUnit XML. */
class TestCommandTest {
  static final Path RES = Path.of("src/test/resources/wftest");
  @TempDir Path dir;

  @BeforeEach
  void copy() throws Exception {
    for (String f : new String[] {"marker.yaml", "mark.sh", "marker.test.yaml", "failing.test.yaml"}) Files.copy(RES.resolve(f), dir.resolve(f));
  }

  @Test
  void stubbedToolsNeverRunTheRealTool() throws Exception {
    Lam.Result r = Lam.run(dir, "test", "marker.test.yaml", "--filter", "stubbed");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("PASS marker.test.yaml > stubbed calls never run the tool").contains("1 case: 1 passed, 0 failed");
    assertThat(dir.resolve("calls.txt")).doesNotExist();

    Lam.Result real = Lam.run(dir, "test", "marker.test.yaml", "--filter", "REAL");
    assertThat(real.code()).as(real.toString()).isEqualTo(0);
    assertThat(Files.readAllLines(dir.resolve("calls.txt"))).containsExactly("call", "call", "call"); // the real tool ran
  }

  @Test
  void aStubFailsAfterNCalls() {
    Lam.Result r = Lam.run(dir, "test", "marker.test.yaml", "--filter", "after two");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("PASS marker.test.yaml > fails after two calls");
  }

  @Test
  void failingCasesAreReportedWithTheFirstFailedExpectationAndTheStateDiff() throws Exception {
    Lam.Result r = Lam.run(dir, "test", "failing.test.yaml", "--junit", "out/report.xml", "--jobs", "2");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL failing.test.yaml > expects the wrong count")
        .contains("    state.n: expected 4, got 3\n      - n: 4\n      + n: 3\n    (and 1 more failed expectation)")
        .contains("FAIL failing.test.yaml > expects the wrong path")
        .contains("    path (in_order): expected [count, call, call, call], got [call, count, call, count, call, count]")
        .contains("PASS failing.test.yaml > passes")
        .contains("3 cases: 1 passed, 2 failed (1 file, ");
    String xml = Files.readString(dir.resolve("out/report.xml"));
    assertThat(xml).contains("<testsuites name=\"lam test\" tests=\"3\" failures=\"2\" errors=\"0\"")
        .contains("<testcase name=\"passes\" classname=\"failing.test.yaml\"")
        .contains("<failure message=\"state.n: expected 4, got 3\" type=\"failure\">state.n: expected 4, got 3\nassert `state.n == 4` is false\n- n: 4\n+ n: 3\n</failure>");
    // well-formed XML as CI servers read it: 3 testcases, 2 with a failure
    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("out/report.xml").toFile());
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(3);
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
  }

  @Test
  void invalidTestFilesExitTwoWithPositionsAndRunNothing() throws Exception {
    Files.writeString(dir.resolve("bad.test.yaml"), "workflow: marker.yaml\ncases:\n  - name: x\n    expect: { path: [cal] }\n");
    Lam.Result r = Lam.run(dir, "test");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains("bad.test.yaml:4:22: error[TEST_UNKNOWN_NODE]: unknown node 'cal'; the workflow has: call, count; did you mean 'call'?")
        .contains("lam: error: 1 error, 0 warnings in the test files; nothing was run").doesNotContain("PASS");
    assertThat(dir.resolve("calls.txt")).doesNotExist();
  }

  @Test
  void humanAnswersSecretsAndTimeouts() throws Exception {
    for (String f : new String[] {"ask.yaml", "ask.test.yaml", "token.sh"}) Files.copy(RES.resolve(f), dir.resolve(f));
    long t0 = System.nanoTime();
    Lam.Result r = Lam.runWithEnv(dir, java.util.Map.of("TEST_TOKEN", "tok-secret-4711"), "test", "ask.test.yaml", "--junit", "ask.xml");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("PASS ask.test.yaml > pauses at the person").contains("PASS ask.test.yaml > a refusal ends the run")
        // the state diff shows what the tool read, with the secret masked
        .contains("FAIL ask.test.yaml > shows the token it read (").contains("\n    assert `state.who.value.stdout == 'nothing'` is false\n"
            + "        who = {\"tool\":\"whoami\",\"ok\":true,\"value\":{\"exit_code\":0,\"stdout\":\"token is ***\\n\"")
        .contains("ERROR ask.test.yaml > an answer against the schema is refused")
        .contains("ERROR ask.test.yaml > the slow tool outlasts the case").contains("    timed out after 1s (the case's timeout)")
        .contains("5 cases: 2 passed, 1 failed, 2 errors").doesNotContain("tok-secret-4711");
    assertThat(r.out()).containsPattern("approved[^\\n]*(schema|boolean)");
    assertThat(Files.readString(dir.resolve("ask.xml"))).doesNotContain("tok-secret-4711").contains("token is ***");
    assertThat(ms).as("the sleeping tool was stopped, not waited for").isLessThan(25_000);
  }

  @Test
  void theTestFileSchemaIsPrintedForEditors() {
    Lam.Result r = Lam.run(dir, "schema", "--test");
    assertThat(r.code()).isEqualTo(0);
    assertThat(dev.lamgraph.engine.util.Json.readMap(r.out())).containsEntry("title", "lamgraph workflow test file (*.test.yaml)")
        .containsKey("$defs");
  }

  @Test
  void usageErrors() {
    assertThat(Lam.run(dir, "test", "nowhere").err()).contains("lam: error: no such file or directory:");
    Lam.Result wf = Lam.run(dir, "test", "marker.yaml");
    assertThat(wf.code()).isEqualTo(2);
    assertThat(wf.err()).contains("lam: error: not a test file: marker.yaml; test files are named *.test.yaml");
    Lam.Result none = Lam.run(dir, "test", "marker.test.yaml", "--filter", "zzz");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("lam: error: no case matches --filter 'zzz'");
    Lam.Result jobs = Lam.run(dir, "test", "--jobs", "0");
    assertThat(jobs.code()).isEqualTo(2);
    assertThat(jobs.err()).contains("lam: error: --jobs must be at least 1, got 0");
  }
}
