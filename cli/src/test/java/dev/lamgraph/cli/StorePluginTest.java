package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.CheckpointStoreContract;
import dev.lamgraph.engine.store.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.example.teststore.NamedMemoryStores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint store added from outside lamgraph's modules (org.example.teststore.NamedMemoryStores:
 * one class plus one service registration in this test source set) is found by its URL scheme,
 * {@code test-mem:}: {@code lam run --store test-mem:NAME} writes to it and the inspection commands
 * read it back; it keeps the store contract; an unknown scheme's message lists it.
 */
class StorePluginTest {
  @TempDir Path dir;

  @Test
  void lamRunWritesToThePluginStoreAndTheInspectionCommandsReadIt() {
    String store = "test-mem:" + dir.getFileName();
    int opens = NamedMemoryStores.opens();
    Lam.Result run = Lam.run(dir, "run", Lam.COUNTER, "--thread", "p1", "--store", store, "--json");
    assertThat(run.code()).as(run.toString()).isEqualTo(0);
    assertThat(NamedMemoryStores.opens()).isGreaterThan(opens);

    List<Object> runs = Lam.run(dir, "runs", "--store", store, "--json").jsonList();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("thread", "p1").containsEntry("status", "done").containsEntry("steps", 201L);
    Lam.Result state = Lam.run(dir, "state", "p1", "--store", store);
    assertThat(state.code()).as(state.toString()).isEqualTo(0);
    assertThat(state.out()).startsWith("thread p1 (counter): done at step 201\n");
    assertThat(Lam.run(dir, "history", "p1", "--store", store).code()).isEqualTo(0);

    // the same commands on memory: (a new store at every open) find nothing: the plugin kept the run
    assertThat(Lam.run(dir, "run", Lam.COUNTER, "--thread", "p1", "--store", "memory:", "-q").code()).isEqualTo(0);
    assertThat(Lam.run(dir, "runs", "--store", "memory:", "--json").jsonList()).isEmpty();
    assertThat(Lam.run(dir, "runs", "--store", "test-mem:other", "--json").jsonList()).isEmpty();
  }

  @Test
  void anUnknownSchemeListsThePluginsSchemeToo() {
    Lam.Result r = Lam.run(dir, "runs", "--store", "nosuch:x");
    assertThat(r.code()).as(r.toString()).isNotEqualTo(0);
    // the providers in class path order (this test source set's comes first here)
    assertThat(r.err()).startsWith("lam: error: unsupported store scheme 'nosuch:'; supported: ")
        .contains("sqlite:PATH, a file path (SQLite), memory:, postgresql://USER@HOST:PORT/DB").contains("test-mem:NAME")
        .doesNotContain("\tat ").hasLineCount(1);
    assertThat(Stores.providers()).extracting(p -> p.getClass().getSimpleName())
        .containsExactlyInAnyOrder("SqliteStoreProvider", "MemoryStoreProvider", "PostgresStoreProvider", "NamedMemoryStores",
            "BuggyCommitStores");
  }

  /** The store contract, through {@link Stores#open} (so sealed as every store is), on the plugin's store. */
  @Nested
  class Contract extends CheckpointStoreContract {
    @Override
    protected CheckpointStore newStore(Path dir) {
      return Stores.open("test-mem:" + dir, Map.of());
    }
  }
}
