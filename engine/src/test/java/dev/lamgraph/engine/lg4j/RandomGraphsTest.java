package dev.lamgraph.engine.lg4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.store.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Random workflows ({@link RandomWorkflows}) must run the same on both executors. Seeds are
 * fixed so CI is reproducible; explore more with {@code -Dlam.random.count=2000
 * -Dlam.random.seed=N}. A failing test is named after its seed and prints the YAML.
 */
class RandomGraphsTest {
  private static final long SEED = Long.getLong("lam.random.seed", 20_240_601L);
  private static final int COUNT = Integer.getInteger("lam.random.count", 150);

  @TestFactory
  Stream<DynamicTest> bothExecutorsAgreeOnRandomWorkflows() {
    return LongStream.range(SEED, SEED + COUNT).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
      RandomWorkflows.Case c = RandomWorkflows.generate(seed);
      CompiledGraph g = Compiler.withDefaults().compileText("random-" + seed + ".yaml", c.yaml(), Path.of("."));
      assertThat(Lg4jGraphs.gaps(g)).as(c.yaml()).isEmpty();
      Differential.Outcome ours = Differential.ours(g, c.input());
      assertThat(Differential.theirs(g, c.input())).as("seed %d, input %s:%n%s", seed, c.input(), c.yaml()).isEqualTo(ours);
    }));
  }

  /** The generator must reach the interesting cases, or agreement above means little. */
  @Test
  void generatorCoversFanOutLoopsConditionsAndFailures() throws Exception {
    int fanOuts = 0;
    int loops = 0;
    int failures = 0;
    int limits = 0;
    List<Long> stepCounts = new ArrayList<>();
    for (long seed = SEED; seed < SEED + COUNT; seed++) {
      RandomWorkflows.Case c = RandomWorkflows.generate(seed);
      if (c.yaml().contains(", to: [")) fanOuts++;
      if (c.yaml().contains("< ") && c.yaml().contains("state.c0")) loops++;
      CompiledGraph g = Compiler.withDefaults().compileText("r.yaml", c.yaml(), Path.of("."));
      Differential.Outcome o = Differential.ours(g, c.input());
      if (o.status() == RunStatus.FAILED && "limit".equals(o.failureKind())) limits++;
      else if (o.status() == RunStatus.FAILED) failures++;
      stepCounts.add(o.steps());
    }
    assertThat(fanOuts).isGreaterThan(COUNT / 3);
    assertThat(loops).isGreaterThan(COUNT / 4);
    assertThat(limits).isGreaterThan(0);
    assertThat(failures).isGreaterThan(0);
    assertThat(stepCounts.stream().mapToLong(Long::longValue).max().orElse(0)).isGreaterThan(15);
  }
}
