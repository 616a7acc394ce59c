package dev.lamgraph.engine.store;

import static dev.lamgraph.engine.store.StoreException.Reason.IO;
import static dev.lamgraph.engine.store.StoreException.Reason.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.store.sqlite.SqliteStore;
import dev.lamgraph.engine.util.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
  @TempDir Path dir;

  static StoreException fails(String url) {
    Throwable t = catchThrowable(() -> Stores.open(url, Map.of()).close());
    assertThat(t).isInstanceOf(StoreException.class);
    return (StoreException) t;
  }

  @Test
  void memoryUrlOpensAMemoryStore() {
    try (CheckpointStore s = Stores.open("memory:", Map.of())) {
      assertThat(s).isInstanceOf(SealedStore.class);
      assertThat(((SealedStore) s).delegate()).isInstanceOf(MemoryStore.class);
      assertThat(s.location()).isEqualTo("memory:");
    }
    assertThat(fails("memory:/tmp/x").reason()).isEqualTo(UNAVAILABLE);
  }

  @Test
  void sqliteUrlOpensThatFileCreatingItsDirectory() {
    Path file = dir.resolve("x/y/lam.db");
    try (CheckpointStore s = Stores.open("sqlite:" + file, Map.of())) {
      assertThat(s).isInstanceOf(SealedStore.class);
      assertThat(((SealedStore) s).delegate()).isInstanceOf(SqliteStore.class);
      assertThat(s.location()).isEqualTo("sqlite:" + file);
      s.create(StoreFixtures.info("t1", StoreFixtures.T0),
          StoreFixtures.initial(StoreFixtures.T0), List.of());
    }
    assertThat(file).isRegularFile();
    try (CheckpointStore s = Stores.open("sqlite:" + file, Map.of())) {
      assertThat(s.thread("t1")).isPresent();
    }
  }

  @Test
  void aBarePathIsASqliteFile() {
    Path file = dir.resolve("bare.db");
    try (CheckpointStore s = Stores.open(file.toString(), Map.of())) {
      assertThat(s).isInstanceOf(SealedStore.class);
      assertThat(((SealedStore) s).delegate()).isInstanceOf(SqliteStore.class);
      assertThat(s.location()).isEqualTo("sqlite:" + file);
    }
    assertThat(file).isRegularFile();
  }

  @Test
  void anUnknownSchemeListsTheSupportedOnesWithoutEchoingTheUrl() {
    StoreException my = fails("mysql://lam:s3cret@127.0.0.1/lam");
    assertThat(my.reason()).isEqualTo(UNAVAILABLE);
    assertThat(my.getMessage()).contains("'mysql:'").contains("sqlite:PATH").contains("memory:").contains("postgresql://")
        .doesNotContain("s3cret");
    StoreException foo = fails("foo:");
    assertThat(foo.reason()).isEqualTo(UNAVAILABLE);
    assertThat(foo.getMessage()).contains("'foo:'").contains(Stores.supported());
  }

  @Test
  void aPostgresUrlToAClosedPortIsUnavailableWithoutEchoingThePassword() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again below: nothing listens there
    }
    StoreException pg = fails("postgresql://lam:s3cret@127.0.0.1:" + port + "/lam?connect_timeout=1");
    assertThat(pg.reason()).isEqualTo(UNAVAILABLE);
    assertThat(pg.getMessage()).startsWith("cannot reach PostgreSQL at 127.0.0.1:" + port).contains("connection refused")
        .doesNotContain("s3cret").doesNotContain("\n");
  }

  @Test
  void emptyUrlsAreRefused() {
    assertThat(fails("").reason()).isEqualTo(UNAVAILABLE);
    assertThat(fails("  ").reason()).isEqualTo(UNAVAILABLE);
    assertThat(fails(null).reason()).isEqualTo(UNAVAILABLE);
    StoreException noPath = fails("sqlite:");
    assertThat(noPath.reason()).isEqualTo(UNAVAILABLE);
    assertThat(noPath.getMessage()).contains("file path");
  }

  @Test
  void anUnwritableSqlitePathIsIo() throws Exception {
    Path blocker = Files.writeString(dir.resolve("afile"), "x");
    StoreException e = fails("sqlite:" + blocker.resolve("sub/lam.db"));
    assertThat(e.reason()).isEqualTo(IO);
    assertThat(e.getMessage()).contains(blocker.resolve("sub").toString());
  }

  @Test
  void defaultUrlIsLamStoreElseTheWorkingDirectorysDatabase() {
    assertThat(Stores.defaultUrl(dir, Map.of())).isEqualTo("sqlite:" + dir.resolve(".lam/lam.db"));
    assertThat(Stores.defaultUrl(dir, Map.of("LAM_STORE", "memory:"))).isEqualTo("memory:");
    assertThat(Stores.defaultUrl(dir, Map.of("LAM_STORE", "sqlite:/data/lam.db "))).isEqualTo("sqlite:/data/lam.db");
    assertThat(Stores.defaultUrl(dir, Map.of("LAM_STORE", " "))).isEqualTo("sqlite:" + dir.resolve(".lam/lam.db"));
    assertThat(Stores.defaultUrl(dir, Map.of("OTHER", "memory:"))).isEqualTo("sqlite:" + dir.resolve(".lam/lam.db"));
  }

  @Test
  void theDefaultUrlOpensAndCreatesDotLam() {
    try (CheckpointStore s = Stores.open(Stores.defaultUrl(dir, Map.of()), Map.of())) {
      assertThat(s.location()).isEqualTo("sqlite:" + dir.resolve(".lam/lam.db"));
    }
    assertThat(dir.resolve(".lam/lam.db")).isRegularFile();
  }

  @Test
  void openForReadingOpensSealedValuesAsOpenDoes() {
    Path db = dir.resolve("sealed.db");
    Redactor secrets = new Redactor();
    secrets.addSecret("write");
    try (CheckpointStore s = SealedStore.wrap(SqliteStore.open(db), secrets, Map.of())) {
      s.create(StoreFixtures.info("t1", StoreFixtures.T0), StoreFixtures.initial(StoreFixtures.T0), List.of());
    }
    try (CheckpointStore raw = SqliteStore.open(db)) { // at rest: sealed
      assertThat(raw.thread("t1").orElseThrow().inputJson()).startsWith("lamseal:1:").doesNotContain("write");
    }
    for (boolean readOnly : new boolean[] {false, true}) {
      try (CheckpointStore s = readOnly ? Stores.openForReading("sqlite:" + db, Map.of(), new Redactor()) : Stores.open("sqlite:" + db,
          Map.of())) {
        assertThat(s).isInstanceOf(SealedStore.class);
        assertThat(s.thread("t1").orElseThrow().inputJson()).as("readOnly=" + readOnly)
            .isEqualTo("{\"task\":\"write\",\"n\":3}");
      }
    }
  }
}
