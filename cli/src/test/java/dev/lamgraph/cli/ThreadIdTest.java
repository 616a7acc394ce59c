package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for unvalidated thread ids (issue 9, item 11): an empty id, a newline, ANSI escape
 * sequences or 100 KB used to become a thread (or be echoed raw into the terminal). Every place a
 * thread id enters now refuses them with exit 2 and one line that shows the id escaped.
 */
class ThreadIdTest {
  static final String NEWLINE = "a\nb";
  static final String ANSI = "\u001b[2J\u001b]0;owned\u0007x";
  static final String HUGE = "t".repeat(100_000);

  @TempDir Path dir;

  @Test
  void everyCommandRefusesAHostileThreadIdWithOneEscapedLine() {
    Path flow = Lam.workflow("count.yaml");
    for (String bad : List.of("", NEWLINE, ANSI, HUGE, "has space", "a/b", "x".repeat(129))) {
      List<Object[]> calls = new ArrayList<>();
      calls.add(new Object[] {"run", flow, "--thread", bad, "--input", "n=1"});
      calls.add(new Object[] {"run", flow, "--executor", "langgraph4j", "--thread", bad, "--input", "n=1"});
      calls.add(new Object[] {"submit", flow, "--thread", bad});
      calls.add(new Object[] {"fork", "base", "--from", "0", "--thread", bad});
      calls.add(new Object[] {"replay", "base", "--thread", bad});
      for (String cmd : List.of("resume", "state", "history", "trace", "fork", "replay")) {
        calls.add(cmd.equals("fork") ? new Object[] {cmd, bad, "--from", "0"} : new Object[] {cmd, bad});
      }
      calls.add(new Object[] {"diagram", "--run", bad});
      for (Object[] call : calls) {
        Lam.Result r = Lam.run(dir, call);
        String what = String.join(" ", List.of(String.valueOf(call[0]), clipped(bad)));
        assertThat(r.code()).as(what + ": " + r).isEqualTo(2);
        assertThat(r.out()).as(what).isEmpty();
        assertThat(r.err()).as(what).startsWith("lam: error: Invalid value for ")
            .endsWith(" (see 'lam " + call[0] + " --help')\n")
            .containsAnyOf("thread id is empty; use 1 to 128 of A-Z a-z 0-9 . _ : -", "invalid thread id '")
            .hasSizeLessThan(400);
        String line = r.err().substring(0, r.err().length() - 1);
        assertThat(line.chars().filter(c -> c < 0x20 || c == 0x7f).count()).as(what + ": control characters").isZero();
      }
    }
    // nothing was created
    assertThat(Lam.run(dir, "runs", "--json").jsonList()).isEmpty();
  }

  @Test
  void theIdIsShownEscapedAndClipped() {
    Lam.Result ansi = Lam.run(dir, "state", ANSI);
    assertThat(ansi.err()).isEqualTo("lam: error: Invalid value for positional parameter at index 0 (THREAD): invalid "
        + "thread id '\\u001b[2J\\u001b]0;owned\\u0007x'; use 1 to 128 of A-Z a-z 0-9 . _ : - (see 'lam state --help')\n");
    Lam.Result huge = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--thread", HUGE);
    assertThat(huge.err()).contains("invalid thread id '" + "t".repeat(60) + "… (100000 chars)'");
    // other parse errors quote the argument too: escaped as well
    Lam.Result unknown = Lam.run(dir, "runs", "\u001b[31mred");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("\\u001b[31mred").doesNotContain("\u001b");
  }

  @Test
  void validIdsStillWorkIncludingChildThreadsAndLongDerivedIds() {
    String id = "Run_1.2:alpha-" + "x".repeat(114);
    assertThat(id).hasSize(128);
    Lam.Result run = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--thread", id, "--input", "n=2", "-q");
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    assertThat(Lam.run(dir, "state", id).code()).isEqualTo(0);
    // a fork's and a replay's generated ids stay within 128 characters, and can be inspected
    Lam.Result fork = Lam.run(dir, "fork", id, "--from", "1", "--json");
    assertThat(fork.code()).as(fork.toString()).isEqualTo(0);
    String forked = (String) fork.json().get("thread");
    assertThat(forked).hasSizeLessThanOrEqualTo(128).matches("[A-Za-z0-9._:-]+").contains("-fork1-");
    assertThat(Lam.run(dir, "history", forked).code()).isEqualTo(0);
    // a subgraph's child thread is named PARENT/NODE@STEP: such an id reaches the store lookup
    Lam.Result child = Lam.run(dir, "state", "parent/research@2");
    assertThat(child.code()).isEqualTo(2);
    assertThat(child.err()).startsWith("lam: error: no thread 'parent/research@2' in ");
  }

  private static String clipped(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "...(" + s.length() + ")" : s.replace("\n", "\\n");
  }
}
