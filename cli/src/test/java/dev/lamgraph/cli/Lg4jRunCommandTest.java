package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lam run --executor langgraph4j: same final state as the default executor. */
class Lg4jRunCommandTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void bothExecutorsEndInTheSameState() {
    Lam.Result ours = Lam.run(dir, "run", Lam.COUNTER, "--store", "memory:", "--json");
    Lam.Result theirs = Lam.run(dir, "run", Lam.COUNTER, "--executor", "langgraph4j", "--json");
    assertThat(theirs.code()).as(theirs.toString()).isEqualTo(0);
    Map<String, Object> t = theirs.json();
    assertThat(t).containsEntry("executor", "langgraph4j").containsEntry("status", "done").containsEntry("steps", 201L);
    assertThat((Map<String, Object>) t.get("state")).isEqualTo(ours.json().get("state"));
    assertThat(Lam.run(dir, "run", Lam.COUNTER, "--executor", "other").code()).isEqualTo(2);
  }
}
