package dev.lamgraph.engine.store.sqlite;

import static dev.lamgraph.engine.store.StoreFixtures.OWNER;
import static dev.lamgraph.engine.store.StoreFixtures.T0;
import static dev.lamgraph.engine.store.StoreFixtures.info;
import static dev.lamgraph.engine.store.StoreFixtures.initial;
import static dev.lamgraph.engine.store.StoreFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.PruneContract;
import dev.lamgraph.engine.store.PruneRule;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.trace.TraceEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlitePruneTest extends PruneContract {
  @Override
  protected CheckpointStore newStore() {
    try {
      return SqliteStore.open(Files.createTempDirectory("lam-prune").resolve("lam.db"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theEventsOfPrunedStepsStayInTheTrace() {
    store.create(info("t", T0), initial(T0), List.of(new TraceEvent(0, "t", 0, "run_started", null, T0, Map.of())));
    store.claim("t", OWNER, o -> true);
    for (long n = 1; n <= 10; n++) {
      store.commit("t", OWNER, step(n, n % 4 == 0), List.of(new TraceEvent(0, "t", n, "node_succeeded", "a", T0, Map.of("n", n))));
    }
    store.setStatus("t", RunStatus.DONE, null, List.of(new TraceEvent(0, "t", 10, "run_finished", null, T0, Map.of())));
    List<TraceEvent> before = store.events("t");
    assertThat(before).hasSize(12);

    assertThat(store.prune(PruneRule.keepLast(2)).checkpoints()).isEqualTo(8);
    assertThat(store.checkpoints("t", 0, 10)).extracting(Checkpoint::step).containsExactly(8L, 9L, 10L);
    assertThat(store.events("t")).isEqualTo(before);
  }
}
