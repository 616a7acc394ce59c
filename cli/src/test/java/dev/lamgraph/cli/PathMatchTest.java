package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.cli.wftest.PathMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trajectory match modes, each shown matching and not matching. */
class PathMatchTest {
  static final List<String> RUN = List.of("plan", "act", "review", "act", "review");

  @Test
  void exact() {
    assertThat(PathMatch.matches("exact", RUN, RUN)).isTrue();
    assertThat(PathMatch.matches("exact", RUN, List.of("plan", "act", "review"))).isFalse();
  }

  @Test
  void inOrder() {
    assertThat(PathMatch.matches("in_order", RUN, List.of("plan", "review", "act"))).isTrue();
    assertThat(PathMatch.matches("in_order", RUN, List.of("review", "plan"))).isFalse();
  }

  @Test
  void unordered() {
    assertThat(PathMatch.matches("unordered", RUN, List.of("review", "review", "act", "act", "plan"))).isTrue();
    assertThat(PathMatch.matches("unordered", RUN, List.of("review", "act", "plan"))).isFalse();
  }

  @Test
  void subsetAndSuperset() {
    assertThat(PathMatch.matches("subset", RUN, List.of("plan", "act", "review", "done"))).isTrue();
    assertThat(PathMatch.matches("subset", RUN, List.of("plan", "act"))).isFalse();
    assertThat(PathMatch.matches("superset", RUN, List.of("review", "plan"))).isTrue();
    assertThat(PathMatch.matches("superset", RUN, List.of("review", "done"))).isFalse();
    assertThatThrownBy(() -> PathMatch.matches("strict", RUN, RUN)).hasMessageContaining("known: exact, in_order");
  }
}
