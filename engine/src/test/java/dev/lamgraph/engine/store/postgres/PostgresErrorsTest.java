package dev.lamgraph.engine.store.postgres;

import static dev.lamgraph.engine.store.StoreException.Reason.NEWER_SCHEMA;
import static dev.lamgraph.engine.store.StoreException.Reason.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lamgraph.engine.store.CheckpointStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.Stores;
import dev.lamgraph.engine.testing.PgServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's mistakes with a PostgreSQL store give one clear line each, never the password. */
class PostgresErrorsTest {
  private final PgServer pg = PgServer.shared();

  private static StoreException fails(String url) {
    Throwable t = catchThrowable(() -> Stores.open(url, Map.of()).close());
    assertThat(t).isInstanceOf(StoreException.class);
    assertThat(t.getMessage()).doesNotContain("\n");
    return (StoreException) t;
  }

  @Test
  void aWrongPasswordSaysSoWithoutShowingIt() {
    StoreException e = fails(pg.url(PgServer.SECRET_USER, "wrong-guess", "postgres"));
    assertThat(e.reason()).isEqualTo(UNAVAILABLE);
    assertThat(e.getMessage()).isEqualTo("PostgreSQL at 127.0.0.1:" + pg.port() + " rejected the password of user '"
        + PgServer.SECRET_USER + "'; fix the password in the store URL (postgresql://USER:PASSWORD@...) or $PGPASSWORD");
  }

  @Test
  void theRightPasswordFromTheUrlOrPgpasswordOpensTheStore() {
    String schema = pg.newSchema();
    try (CheckpointStore s = Stores.open(pg.url(PgServer.SECRET_USER, PgServer.SECRET_PASSWORD, "postgres") + "?schema=" + schema, Map.of())) {
      assertThat(s.threads()).isEmpty();
      assertThat(s.location()).isEqualTo("postgresql://lam_secret@127.0.0.1:" + pg.port() + "/postgres?schema=" + schema)
          .doesNotContain(PgServer.SECRET_PASSWORD);
    }
    PgUrl u = PgUrl.parse(pg.url(PgServer.SECRET_USER, null, "postgres") + "?schema=" + schema,
        Map.of("PGPASSWORD", PgServer.SECRET_PASSWORD));
    try (CheckpointStore s = PostgresStore.open(u)) {
      assertThat(s.threads()).isEmpty();
    }
  }

  @Test
  void aMissingDatabaseIsNamedWithTheCommandThatCreatesIt() {
    StoreException e = fails(pg.url("postgres", null, "no_such_db"));
    assertThat(e.reason()).isEqualTo(UNAVAILABLE);
    assertThat(e.getMessage()).startsWith("database 'no_such_db' does not exist on PostgreSQL at 127.0.0.1:" + pg.port())
        .contains("createdb -h 127.0.0.1 -p " + pg.port() + " -U postgres no_such_db");
  }

  @Test
  void aSchemaNewerThanTheCodeIsRefusedAndLeftAlone() throws Exception {
    String schema = pg.newSchema();
    try (CheckpointStore s = Stores.open(pg.url(schema), Map.of())) {
      assertThat(s.threads()).isEmpty();
    }
    pg.psql("INSERT INTO " + schema + ".lam_schema_version (version) VALUES (" + (PgSchema.VERSION + 1) + ")");
    StoreException e = fails(pg.url(schema));
    assertThat(e.reason()).isEqualTo(NEWER_SCHEMA);
    assertThat(e.getMessage()).contains("schema " + (PgSchema.VERSION + 1) + ", this build knows " + PgSchema.VERSION)
        .contains("upgrade lamgraph");
    assertThat(pg.psql("SELECT max(version) FROM " + schema + ".lam_schema_version"))
        .isEqualTo(String.valueOf(PgSchema.VERSION + 1));
  }

  @Test
  void migrationsRunOnceWhenManyProcessesOpenANewSchemaTogether() throws Exception {
    String schema = pg.newSchema();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
      for (int i = 0; i < 6; i++) {
        futures.add(pool.submit(() -> {
          try (CheckpointStore s = Stores.open(pg.url(schema), Map.of())) {
            return s.threads().size();
          }
        }));
      }
      for (var f : futures) assertThat(f.get()).isZero();
    } finally {
      pool.shutdownNow();
    }
    assertThat(pg.psql("SELECT string_agg(version::text, ',' ORDER BY version) FROM " + schema + ".lam_schema_version"))
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, PgSchema.VERSION).mapToObj(String::valueOf)
            .collect(java.util.stream.Collectors.joining(",")));
  }

  @Test
  void malformedUrlsAreExplainedWithoutEchoingThem() {
    assertThat(fails("postgresql://u:s3cret@127.0.0.1:1/db?pool=3").getMessage())
        .contains("unknown parameter 'pool'").contains("pool_size").doesNotContain("s3cret");
    assertThat(fails("postgresql://u:s3cret@127.0.0.1:1/db?pool_size=0").getMessage())
        .contains("pool_size=0").contains("1 to 200").doesNotContain("s3cret");
    assertThat(fails("postgresql://u:s3cret@127.0.0.1:1/db?schema=Bad-Name").getMessage())
        .contains("schema 'Bad-Name'").doesNotContain("s3cret");
    assertThat(fails("postgresql:///db").getMessage()).contains("needs a host");
  }
}
