package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
  @TempDir Path dir;

  @Test
  void counterExamplePasses() throws Exception {
    Files.copy(Lam.COUNTER, dir.resolve("counter.yaml"));
    Files.copy(Lam.COUNTER.resolveSibling("counter.test.yaml"), dir.resolve("counter.test.yaml"));
    Lam.Result r = Lam.run(dir, "test");
    System.out.println(r.out() + r.err());
    assertThat(r.code()).isEqualTo(0);
  }
}
