package dev.lamgraph.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.spec.FailureKinds;
import dev.lamgraph.engine.spec.RetrySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link FailureKinds} is the one list of failure kinds ({@code retry.on} accepts exactly these):
 * every kind a node, a tool or a model fails with in engine and nodes sources is on it.
 */
class FailureKindsTest {
  /** Where a kind is written as a literal: ToolException.of, NodeFailure, ToolResult.failed, NodeOutcome.Failed... */
  private static final List<Pattern> KIND_LITERALS = List.of(
      Pattern.compile("ToolException\\.of\\(\\s*\"([a-z_]+)\""),
      Pattern.compile("NodeFailure\\(\\s*\"([a-z_]+)\""),
      Pattern.compile("ToolResult\\.failed\\([^,]+,\\s*\"([a-z_]+)\""),
      Pattern.compile("NodeOutcome\\.Failed\\([^,]+,\\s*\"([a-z_]+)\""),
      Pattern.compile("Lg4jNodeFailure\\([^,]+,\\s*\"([a-z_]+)\""),
      Pattern.compile("static final String [A-Z_]+ = \"([a-z_]+)\";"));

  static Set<String> kindsWrittenIn(Path... dirs) throws Exception {
    Set<String> found = new TreeSet<>();
    for (Path dir : dirs) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(x -> x.toString().endsWith(".java")).toList()) {
          String name = p.getFileName().toString();
          boolean constants = name.equals("ToolException.java") || name.equals("ModelException.java");
          String text = Files.readString(p);
          for (Pattern k : KIND_LITERALS) {
            if (k.pattern().startsWith("static") && !constants) continue;
            k.matcher(text).results().forEach(m -> found.add(m.group(1)));
          }
        }
      }
    }
    return found;
  }

  @Test
  void everyKindWrittenInTheSourcesIsAKnownKind() throws Exception {
    Set<String> written = kindsWrittenIn(Path.of("src/main/java"), Path.of("../engine/src/main/java"));
    assertThat(written).contains("exit_status", "http_status", "refused", "unavailable", "rate_limited", "type_error");
    assertThat(FailureKinds.ALL.keySet()).containsAll(written);
  }

  @Test
  void errorMeansEveryKindButTimeoutAndTheFinalOnes() {
    RetrySpec onError = new RetrySpec(3, Duration.ZERO, Duration.ZERO, 1, Set.of("error"));
    for (String kind : FailureKinds.ALL.keySet()) {
      boolean expected = !kind.equals("timeout") && !FailureKinds.FINAL.contains(kind);
      assertThat(onError.retries(kind)).as(kind).isEqualTo(expected);
    }
    RetrySpec onTimeout = new RetrySpec(3, Duration.ZERO, Duration.ZERO, 1, Set.of("timeout"));
    assertThat(onTimeout.retries("timeout")).isTrue();
    assertThat(onTimeout.retries("exit_status")).isFalse();
    assertThat(onTimeout.retries("run_timeout")).isFalse();
    RetrySpec onExit = new RetrySpec(3, Duration.ZERO, Duration.ZERO, 1, Set.of("exit_status"));
    assertThat(onExit.retries("exit_status")).isTrue();
    assertThat(onExit.retries("http_status")).isFalse();
    RetrySpec any = new RetrySpec(3, Duration.ZERO, Duration.ZERO, 1, Set.of());
    assertThat(any.retries("timeout")).isTrue();
    assertThat(any.retries("type_error")).isFalse();
  }
}
