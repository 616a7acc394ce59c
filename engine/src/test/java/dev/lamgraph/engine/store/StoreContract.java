package dev.lamgraph.engine.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store contract ({@link CheckpointStoreContract}, {@link JournalContract},
 * {@link ItemStoreContract}, {@link CronStoreContract}) sets up: a fresh store under a temporary
 * directory, opened before and closed after each test. A store's test extends a contract and
 * implements {@link #newStore}.
 */
public abstract class StoreContract {
  @TempDir protected Path dir;
  protected CheckpointStore store;

  /** A store keeping its data under {@code dir}; called again with the same dir to reopen it. */
  protected abstract CheckpointStore newStore(Path dir);

  /**
   * Whether data survives close and reopen with the same dir. True unless overridden, so a durable
   * store cannot skip the reopen tests by forgetting to say so.
   */
  protected boolean durable() {
    return true;
  }

  @BeforeEach
  void openStore() {
    store = newStore(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }
}
