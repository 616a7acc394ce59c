package dev.lamgraph.engine.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one masking function of every output: each secret in every form output gives it. */
class RedactorTest {
  @Test
  void masksASecretAsIsJsonEscapedAndHtmlEscapedButNeverChangesShortValues() {
    Redactor r = new Redactor();
    r.addSecret("p\"w<1>\\n");
    r.addSecret("abc"); // too short: ordinary text
    String json = Json.write(Map.of("k", "use p\"w<1>\\n now"));
    assertThat(json).doesNotContain("p\"w<1>\\n"); // escaped in JSON...
    assertThat(r.redact(json)).isEqualTo("{\"k\":\"use *** now\"}"); // ...and masked all the same
    assertThat(r.redact("<pre>p&quot;w&lt;1&gt;\\n</pre>")).isEqualTo("<pre>***</pre>");
    assertThat(r.redact("abc p\"w<1>\\n")).isEqualTo("abc ***");
  }

  @Test
  void aSecretContainingAnotherIsMaskedWhole() {
    Redactor r = new Redactor();
    r.addSecret("hello");
    r.addSecret("hello-world-token");
    assertThat(r.redact("x hello-world-token y hello")).isEqualTo("x *** y ***");
    assertThat(r.secretsIn("x hello-world-token")).containsExactlyInAnyOrder("hello-world-token", "hello");
    assertThat(r.secretsIn("nothing here")).isEmpty();
  }

  @Test
  void redactsKeysAndValuesInsideJsonShapedValues() {
    Redactor r = new Redactor();
    r.addSecret("sk-123456");
    Object v = r.redactValue(Map.of("sk-123456", List.of("a sk-123456", 3)));
    assertThat(v).isEqualTo(Map.of("***", List.of("a ***", 3)));
  }
}
