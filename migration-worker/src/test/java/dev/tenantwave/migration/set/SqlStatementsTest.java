package dev.tenantwave.migration.set;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

  @Test
  void shouldSplitOnSemicolonsOutsideLiteralsCommentsAndDollarQuotes() {
    String script = """
        -- a comment; with a semicolon
        CREATE TABLE a (x text DEFAULT ';');
        DO $$ BEGIN PERFORM 1; END $$;
        /* block; comment */ SELECT "we;ird" FROM a;
        -- trailing comment only
        """;
    List<String> statements = SqlStatements.split(script);
    assertThat(statements).hasSize(3);
    assertThat(statements.get(1)).isEqualTo("DO $$ BEGIN PERFORM 1; END $$");
  }

  @Test
  void shouldTurnNamedParametersIntoMarkersButLeaveCastsAndLiteralsAlone() {
    SqlStatements.Prepared prepared = SqlStatements.prepare(
        "UPDATE deals SET note = ':not_a_param', n = n::int WHERE tenant_id = :tenant_id AND id > :from_key"
            + " AND id <= :to_key -- :ignored");
    assertThat(prepared.parameters()).containsExactly("tenant_id", "from_key", "to_key");
    assertThat(prepared.jdbcSql()).contains("':not_a_param'", "n::int", "tenant_id = ?", "id > ?", "id <= ?");
  }
}
