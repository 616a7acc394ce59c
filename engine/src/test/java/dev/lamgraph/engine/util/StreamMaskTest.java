package dev.lamgraph.engine.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets split across streamed pieces are masked whole; the joined output equals masking the whole text. */
class StreamMaskTest {
  private static List<String> stream(Redactor r, String... pieces) {
    StreamMask m = new StreamMask(r);
    List<String> out = new ArrayList<>();
    for (String p : pieces) out.add(m.push(p));
    out.add(m.flush());
    return out;
  }

  @Test
  void aSecretSplitAcrossPiecesIsHeldBackThenMasked() {
    Redactor r = new Redactor();
    r.addSecret("sk-live-12345");
    List<String> out = stream(r, "the key is sk-", "live-1", "2345 ok", " bye");
    assertThat(out).containsExactly("the key is ", "", "*** ok", " bye", "");
    assertThat(String.join("", out)).isEqualTo(r.redact("the key is sk-live-12345 ok bye"));
  }

  @Test
  void aPrefixThatTurnsOutNotToBeASecretIsReleasedAndTheEndIsFlushed() {
    Redactor r = new Redactor();
    r.addSecret("sk-live-12345");
    assertThat(stream(r, "a sk-", "lively", " end sk-li")).containsExactly("a ", "sk-lively", " end ", "sk-li");
  }

  @Test
  void overlappingSecretsAreNeverCutInTheMiddle() {
    Redactor r = new Redactor();
    r.addSecret("abcd");
    r.addSecret("cdef");
    List<String> out = stream(r, "xabcde", "y");
    assertThat(String.join("", out)).isEqualTo(r.redact("xabcdey")).doesNotContain("ab", "cd");
  }

  @Test
  void withoutSecretsEveryPieceGoesOutAsItIs() {
    assertThat(stream(new Redactor(), "a", "b")).containsExactly("a", "b", "");
  }
}
