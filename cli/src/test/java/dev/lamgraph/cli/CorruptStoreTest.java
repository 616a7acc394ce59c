package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for a one-bit flip in a checkpoint going unnoticed (issue 9, item 11): the flip is
 * made in the SQLite file's bytes, as a failing disk would, and {@code lam state} now names the
 * corrupt checkpoint instead of showing a wrong state.
 */
class CorruptStoreTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aFlippedBitInTheStoreFileIsReportedWithTheCorruptStep() throws Exception {
    Lam.Result run = Lam.run(dir, "run", Lam.workflow("count.yaml"), "--thread", "c1", "--input", "n=5", "-q");
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    Path db = dir.resolve(".lam/lam.db");
    assertThat(dir.resolve(".lam/lam.db-wal")).doesNotExist(); // closed: everything is in the main file

    byte[] bytes = Files.readAllBytes(db);
    byte[] needle = "\"updates\":{\"count\":3,\"seen\":[3]}}]".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bytes, needle, 0);
    assertThat(at).as("step 3's writes in the file").isNotNegative();
    assertThat(indexOf(bytes, needle, at + 1)).as("only once").isNegative();
    int digit = at + "\"updates\":{\"count\":".length();
    bytes[digit] ^= 0x01; // '3' -> '2'
    Files.write(db, bytes);

    Lam.Result state = Lam.run(dir, "state", "c1");
    assertThat(state.code()).as(state.toString()).isEqualTo(1);
    assertThat(state.out()).isEmpty();
    assertThat(state.err()).startsWith("lam: error: checkpoint 3 of thread c1 is corrupt (checksum mismatch)")
        .hasLineCount(1);
    assertThat(Lam.run(dir, "history", "c1").err()).contains("checkpoint 3 of thread c1 is corrupt");
    // the steps before it are intact and can be read (and forked from)
    Lam.Result before = Lam.run(dir, "state", "c1", "--checkpoint", "2", "--json");
    assertThat(before.code()).as(before.toString()).isEqualTo(0);
    assertThat((Map<String, Object>) before.json().get("state")).containsEntry("count", 2L);
    assertThat(Lam.run(dir, "fork", "c1", "--from", "2", "--thread", "c1-fixed").code()).isEqualTo(0);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
