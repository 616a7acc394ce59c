package dev.lamgraph.engine.store.postgres;

import dev.lamgraph.engine.store.sql.SqlItems;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL store's long-term items ({@link SqlItems} on table {@code lam_store_items}), for {@link PostgresStore}. */
final class PgItems {
  private PgItems() {}

  static SqlItems of(PgDb db) {
    return new SqlItems("lam_store_items", runner(db));
  }

  /** The store's crons ({@link dev.lamgraph.engine.store.sql.SqlCrons} on table {@code lam_crons}). */
  static dev.lamgraph.engine.store.sql.SqlCrons crons(PgDb db) {
    return new dev.lamgraph.engine.store.sql.SqlCrons("lam_crons", runner(db));
  }

  private static SqlItems.Runner runner(PgDb db) {
    return new SqlItems.Runner() {
      @Override
      public <T> T write(String doing, SqlItems.Work<T> work) {
        return run(db, doing, work);
      }

      @Override
      public <T> T read(String doing, SqlItems.Work<T> work) {
        return run(db, doing, work);
      }
    };
  }

  private static <T> T run(PgDb db, String doing, SqlItems.Work<T> work) {
    return db.tx(doing, c -> {
      List<PreparedStatement> opened = new ArrayList<>();
      try {
        return work.run(sql -> {
          PreparedStatement p = c.prepareStatement(sql);
          opened.add(p);
          return p;
        });
      } finally {
        for (PreparedStatement p : opened) p.close();
      }
    });
  }
}
