package dev.lamgraph.engine.store;

import static dev.lamgraph.engine.store.StoreFixtures.OWNER;
import static dev.lamgraph.engine.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.store.sqlite.SqliteStore;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints keep exact values, and a value that holds a secret is never stored in plaintext: it
 * is sealed (AES-256-GCM) on the way in and opened exactly on the way out; without the right key
 * reading it is a one-line error naming the thread and the step.
 */
class SealedStoreTest {
  static final String SECRET = "hello";
  static final String WRITES = "[{\"node\":\"greet\",\"updates\":{\"text\":\"hello world\"}}]";
  static final String SNAPSHOT = "{\"text\":\"hello world\"}";

  @TempDir Path dir;

  private static Redactor secrets() {
    Redactor r = new Redactor();
    r.addSecret(SECRET);
    return r;
  }

  private static ThreadInfo thread(String id) {
    return new ThreadInfo(id, "greet", "greet.yaml", "name: greet\n", "{\"who\":\"hello world\"}", RunStatus.RUNNING, 0,
        null, null, T0, T0);
  }

  private static Checkpoint step(long n, String writes, String snapshot) {
    return new Checkpoint(n, List.of("greet"), writes, List.of("END"), StoreFixtures.at(n), snapshot);
  }

  /** A thread with a secret-bearing input, snapshot, step 1 and pause detail, written through {@code s}. */
  private static void write(CheckpointStore s, String id) {
    s.create(thread(id), new Checkpoint(0, List.of(), "[]", List.of("greet"), T0, "{\"text\":\"\"}"), List.of());
    s.claim(id, OWNER, o -> true);
    s.commit(id, OWNER, step(1, WRITES, SNAPSHOT), List.of());
    s.commit(id, OWNER, step(2, "[{\"node\":\"greet\",\"updates\":{\"n\":2}}]", null), List.of());
    s.setStatus(id, RunStatus.PAUSED, "{\"pending\":[{\"node\":\"greet\",\"updates\":{\"text\":\"hello world!\"}}]}",
        List.of());
  }

  @Test
  void aSecretBearingValueIsSealedInTheStoreAndReadBackExactly() {
    MemoryStore raw = new MemoryStore();
    CheckpointStore s = SealedStore.wrap(raw, secrets(), Map.of());
    write(s, "t1");

    Checkpoint stored = raw.checkpoints("t1", 1, 1).get(0);
    assertThat(stored.writesJson()).startsWith(SecretSeal.PREFIX).doesNotContain(SECRET);
    assertThat(stored.snapshotJson()).startsWith(SecretSeal.PREFIX).doesNotContain(SECRET);
    assertThat(raw.thread("t1").orElseThrow().inputJson()).startsWith(SecretSeal.PREFIX);
    assertThat(raw.thread("t1").orElseThrow().detailJson()).startsWith(SecretSeal.PREFIX);
    // a value without a secret is stored as it is
    assertThat(raw.checkpoints("t1", 2, 2).get(0).writesJson()).isEqualTo("[{\"node\":\"greet\",\"updates\":{\"n\":2}}]");

    Checkpoint back = s.checkpoints("t1", 1, 1).get(0);
    assertThat(back.writesJson()).isEqualTo(WRITES);
    assertThat(back.snapshotJson()).isEqualTo(SNAPSHOT);
    assertThat(s.snapshotAtOrBefore("t1", 2).orElseThrow().snapshotJson()).isEqualTo(SNAPSHOT);
    assertThat(s.thread("t1").orElseThrow().inputJson()).isEqualTo("{\"who\":\"hello world\"}");
    assertThat(s.threads().get(0).detailJson()).contains("hello world!");
  }

  @Test
  void aJournalledCallHoldingASecretIsSealedAndOpenedExactly() {
    MemoryStore raw = new MemoryStore();
    CheckpointStore s = SealedStore.wrap(raw, secrets(), Map.of());
    write(s, "t1");
    JournalEntry secret = new JournalEntry(3, "greet", 1, 1, "tool", "{\"value\":\"hello world\"}", T0);
    JournalEntry plain = new JournalEntry(3, "greet", 1, 2, "model", "{\"value\":\"bye\"}", T0);
    s.journal("t1", secret);
    s.journal("t1", plain);

    List<JournalEntry> stored = raw.journal("t1", 3, 3);
    assertThat(stored.get(0).valueJson()).startsWith(SecretSeal.PREFIX).doesNotContain(SECRET);
    assertThat(stored.get(1)).isEqualTo(plain);
    assertThat(s.journal("t1", 3, 3)).containsExactly(secret, plain);
    // sealed for its key: the same envelope under another call's key does not open
    raw.journal("t1", new JournalEntry(3, "greet", 1, 3, "tool", stored.get(0).valueJson(), T0));
    assertThat(catchThrowableOfType(() -> s.journal("t1", 3, 3), StoreException.class)).hasMessageContaining("step 3");
  }

  @Test
  void sqliteSealsWithAPrivateKeyFileAndAnotherProcessReadsExactlyAndLearnsTheSecretToMask() throws IOException {
    Path db = dir.resolve(".lam/lam.db");
    try (CheckpointStore s = SealedStore.wrap(SqliteStore.open(db), secrets(), Map.of())) {
      write(s, "t1");
    }
    Path key = dir.resolve(".lam/lam.db.key");
    assertThat(key).isRegularFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(key).strip())).hasSize(32);
    assertThat(rawBytes(dir.resolve(".lam"), "lam.db")).doesNotContain(SECRET).contains("lamseal:1:");

    Redactor fresh = new Redactor(); // a new process that knows no secret
    try (CheckpointStore s = SealedStore.wrap(SqliteStore.open(db), fresh, Map.of())) {
      assertThat(fresh.redact("say hello")).isEqualTo("say hello");
      assertThat(s.checkpoints("t1", 0, 2).get(1).writesJson()).isEqualTo(WRITES);
      assertThat(fresh.redact("say hello")).isEqualTo("say ***"); // learnt from the sealed value
    }
  }

  @Test
  void withoutTheKeyReadingIsAOneLineErrorNamingTheThreadAndStep() throws IOException {
    Path db = dir.resolve("lam.db");
    try (CheckpointStore s = SealedStore.wrap(SqliteStore.open(db), secrets(), Map.of())) {
      write(s, "t1");
    }
    Path key = dir.resolve("lam.db.key");
    String keyText = Files.readString(key).strip();
    Files.delete(key);
    try (CheckpointStore s = SealedStore.wrap(SqliteStore.open(db), new Redactor(), Map.of())) {
      StoreException e = catchThrowableOfType(StoreException.class, () -> s.checkpoints("t1", 0, 2));
      assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE);
      assertThat(e.getMessage()).startsWith("cannot decrypt the writes of step 1 of thread 't1'")
          .contains("LAM_STORE_KEY is not set").contains("lam.db.key does not exist").doesNotContain("\n");
      // the thread stays listed, with the problem as its detail; reading it is strict
      assertThat(s.threads()).singleElement().satisfies(t -> assertThat(t.detailJson())
          .contains("\"kind\":\"sealed\"").contains("cannot decrypt the input of thread 't1'"));
      assertThat(catchThrowableOfType(StoreException.class, () -> s.thread("t1")).getMessage())
          .startsWith("cannot decrypt the input of thread 't1'");

      String other = Base64.getEncoder().encodeToString(new byte[32]);
      try (CheckpointStore wrong = SealedStore.wrap(SqliteStore.open(db), new Redactor(), Map.of(StoreKeys.ENV, other))) {
        e = catchThrowableOfType(StoreException.class, () -> wrong.snapshotAtOrBefore("t1", 1));
        assertThat(e.getMessage()).startsWith("cannot decrypt the writes of step 1 of thread 't1': it was encrypted with"
            + " store key " + keyId(keyText) + ", but LAM_STORE_KEY is key ")
            .contains("LAM_STORE_KEY is key ");
      }
      // the key itself, given in the environment, opens it
      try (CheckpointStore right = SealedStore.wrap(SqliteStore.open(db), new Redactor(), Map.of(StoreKeys.ENV, keyText))) {
        assertThat(right.checkpoints("t1", 1, 1).get(0).writesJson()).isEqualTo(WRITES);
      }
    }
  }

  @Test
  void aSealedValueMovedToAnotherStepOrThreadDoesNotOpen() {
    MemoryStore raw = new MemoryStore();
    CheckpointStore s = SealedStore.wrap(raw, secrets(), Map.of());
    write(s, "t1");
    String sealed = raw.checkpoints("t1", 1, 1).get(0).writesJson();
    raw.create(thread("t2"), new Checkpoint(0, List.of(), "[]", List.of("greet"), T0, "{}"), List.of());
    raw.claim("t2", OWNER, o -> true);
    raw.commit("t2", OWNER, step(1, sealed, null), List.of());

    StoreException e = catchThrowableOfType(StoreException.class, () -> s.checkpoints("t2", 1, 1));
    assertThat(e.reason()).isEqualTo(StoreException.Reason.CORRUPT);
    assertThat(e.getMessage()).isEqualTo("cannot decrypt the writes of step 1 of thread 't2': it does not authenticate"
        + " with store key " + sealed.split(":")[2] + " (changed, damaged or moved from another row)");
  }

  @Test
  void aPostgresqlStoreWithoutLamStoreKeyRefusesSecretBearingValuesAndStoresNothing() {
    MemoryStore raw = new MemoryStore();
    CheckpointStore pg = SealedStore.wrap(located(raw, "postgresql://lam@127.0.0.1:5432/lam"), secrets(), Map.of());
    ThreadInfo plain = new ThreadInfo("t1", "greet", null, "name: greet\n", "{}", RunStatus.RUNNING, 0, null, null, T0, T0);
    pg.create(plain, new Checkpoint(0, List.of(), "[]", List.of("greet"), T0, "{}"), List.of());
    pg.claim("t1", OWNER, o -> true);

    StoreException e = catchThrowableOfType(StoreException.class, () -> pg.commit("t1", OWNER, step(1, WRITES, null), List.of()));
    assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE);
    assertThat(e.getMessage()).startsWith("the writes of step 1 of thread 't1' holds a secret value (from ${env:...});"
        + " the store postgresql://lam@127.0.0.1:5432/lam stores such values only encrypted and has no key: set"
        + " LAM_STORE_KEY").endsWith("nothing was stored");
    assertThat(raw.thread("t1").orElseThrow().step()).isZero();
    // values without a secret are stored as they are
    pg.commit("t1", OWNER, step(1, "[]", null), List.of());
    assertThat(raw.checkpoints("t1", 1, 1).get(0).writesJson()).isEqualTo("[]");
  }

  /** {@code store} answering {@code location} as where it lives (the key policy follows the location). */
  static CheckpointStore located(CheckpointStore store, String location) {
    return (CheckpointStore) Proxy.newProxyInstance(CheckpointStore.class.getClassLoader(),
        new Class<?>[] {CheckpointStore.class}, (proxy, m, args) -> {
          if (m.getName().equals("location")) return location;
          try {
            return m.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void aPostgresqlStoreSealsWithLamStoreKey() {
    String key = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    MemoryStore raw = new MemoryStore();
    CheckpointStore pg = SealedStore.wrap(located(raw, "postgresql://lam@127.0.0.1:5432/lam"), secrets(),
        Map.of(StoreKeys.ENV, key));
    write(pg, "t1");
    assertThat(raw.checkpoints("t1", 1, 1).get(0).writesJson()).startsWith(SecretSeal.PREFIX);
    assertThat(pg.checkpoints("t1", 1, 1).get(0).writesJson()).isEqualTo(WRITES);
  }

  @Test
  void aBadLamStoreKeyIsRefusedWhenTheStoreOpens() {
    StoreException e = catchThrowableOfType(StoreException.class, () -> Stores.open("memory:", Map.of(StoreKeys.ENV, "c2hvcnQ=")));
    assertThat(e.getMessage()).isEqualTo("LAM_STORE_KEY is not a store key: it must be base64 of 32 bytes, e.g. the"
        + " output of `openssl rand -base64 32`");
  }

  private static String keyId(String base64) {
    return StoreKeys.Key.of(Base64.getDecoder().decode(base64)).id();
  }

  /** Every file of the store's directory, as text. */
  static String rawBytes(Path dir, String prefix) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return sb.toString();
  }
}
