package dev.tenantwave.migration.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlErrorClassTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "55P03, RETRIABLE", "40001, RETRIABLE", "40P01, RETRIABLE", "08006, RETRIABLE", "08001, RETRIABLE",
      "57014, RETRIABLE", "42601, PERMANENT", "42P01, PERMANENT", "42703, PERMANENT", "23505, PERMANENT",
      "22012, PERMANENT"})
  void shouldClassifyBySqlState(String sqlState, SqlErrorClass expected) {
    assertThat(SqlErrorClass.of(sqlState)).isEqualTo(expected);
  }
}
