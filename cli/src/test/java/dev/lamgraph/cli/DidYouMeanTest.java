package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: "did you mean" for unknown nodes, channels, fields and state fields; follow-on errors after their cause. */
class DidYouMeanTest {
  @TempDir Path dir;

  @Test
  void misspelledNamesGetSuggestionsAndFollowOnErrorsComeAfterTheirCause() throws Exception {
    Path w = Files.writeString(dir.resolve("typos.yaml"), """
        name: typos
        state:
          count: { type: integer, default: 0 }
        nodes:
          review: { type: set, set: { count: "state.cuont + 1" } }
          tally:  { type: set, set: { cout: "1" }, retyr: {} }
        edges:
          - { from: START, to: tally }
          - { from: tally, to: revew }
          - { from: review, to: END }
        """);
    Lam.Result r = Lam.run(dir, "validate", w);
    assertThat(r.code()).isEqualTo(2);
    List<String> lines = r.out().lines().filter(l -> l.contains("error[")).map(l -> l.substring(w.toString().length() + 1)).toList();
    assertThat(lines).containsExactly(
        "5:45: error[EXPR_COMPILE]: node 'review' set.count: `state.cuont + 1` does not compile: undefined field 'cuont';"
            + " state has: count; did you mean 'count'?",
        "6:44: error[UNKNOWN_FIELD]: unknown field 'retyr' in node 'tally' (type set); known: set, description, interrupt_after,"
            + " interrupt_before, on_error, retry, timeout, type; did you mean 'retry'?",
        "9:24: error[UNKNOWN_NODE]: edge to unknown node 'revew'; known: review, tally, END; did you mean 'review'?",
        // the follow-on error comes after its cause, not at the node's own (earlier) line
        "5:3: error[UNREACHABLE]: node 'review' cannot be reached from START; the edge at 9:24 names unknown node 'revew'");

    Files.writeString(w, Files.readString(w).replace(", retyr: {}", ""));
    r = Lam.run(dir, "validate", w);
    assertThat(r.out()).contains("6:31: error[UNKNOWN_CHANNEL]: node 'tally' sets unknown channel 'cout'; declared: count;"
        + " did you mean 'count'?");
  }
}
