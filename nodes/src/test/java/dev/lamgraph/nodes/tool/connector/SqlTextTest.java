package dev.lamgraph.nodes.tool.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compile-time lexer: quoting rules per dialect, placeholders only outside literals. */
class SqlTextTest {
  static String problem(String sql, SqlDialect d) {
    return SqlText.parse(sql, d).readOnlyProblem();
  }

  @Test
  void postgresDollarQuotesEStringsAndNestedCommentsAreLiterals() {
    assertThat(problem("SELECT $$'$$ AS a; COMMIT; DELETE FROM t; SELECT $$'$$", SqlDialect.POSTGRES))
        .isEqualTo("it holds more than one statement");
    assertThat(problem("SELECT $body$ ; DELETE $$ $body$ AS a", SqlDialect.POSTGRES)).isNull();
    assertThat(problem("SELECT E'\\''; DELETE FROM t; --'", SqlDialect.POSTGRES)).isEqualTo("it holds more than one statement");
    assertThat(problem("SELECT 1 /* a /* nested */ ; */ AS a", SqlDialect.POSTGRES)).isNull();
    assertThat(problem("SELECT 1 /* a /* nested */ */; DELETE FROM t", SqlDialect.POSTGRES))
        .isEqualTo("it holds more than one statement");
    assertThat(problem("SELECT a$b$ FROM t; DELETE FROM t --$b$", SqlDialect.POSTGRES)).isEqualTo("it holds more than one statement");
    assertThat(problem("SELECT $1, $$x", SqlDialect.POSTGRES)).isEqualTo("it has an unterminated quote or comment");
  }

  @Test
  void sqliteBracketsQuoteIdentifiers() {
    assertThat(problem("SELECT 1 AS [q']; DELETE FROM kv; --']", SqlDialect.SQLITE)).isEqualTo("it holds more than one statement");
    assertThat(problem("SELECT [a;b] FROM kv", SqlDialect.SQLITE)).isNull();
    assertThat(problem("SELECT [a FROM kv", SqlDialect.SQLITE)).isEqualTo("it has an unterminated quote or comment");
  }

  @Test
  void placeholdersInsideLiteralsAreText() {
    SqlText q = SqlText.parse("SELECT $$:no$$, ':no', \":no\" FROM t WHERE id = :id AND x::text = :x", SqlDialect.POSTGRES);
    assertThat(q.jdbc()).isEqualTo("SELECT $$:no$$, ':no', \":no\" FROM t WHERE id = ? AND x::text = ?");
    assertThat(q.params()).isEqualTo(List.of("id", "x"));
    assertThat(SqlText.parse("SELECT [:no] FROM t WHERE k = :k", SqlDialect.SQLITE).params()).isEqualTo(List.of("k"));
  }
}
