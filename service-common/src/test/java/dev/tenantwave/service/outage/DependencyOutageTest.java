package dev.tenantwave.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DependencyOutageTest {

  @Test
  void shouldRecogniseAPoolTimeoutAConnectionStateAndAShutdown() {
    assertThat(DependencyOutage.of(new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))
        .hasValueSatisfying(outage -> assertThat(outage.dependency()).isEqualTo(DependencyOutage.POSTGRESQL));
    assertThat(DependencyOutage.of(new SQLException("connection failure", "08006"))).isPresent();
    assertThat(DependencyOutage.of(new SQLException("terminating connection", "57P01"))).isPresent();
  }

  @Test
  void shouldRecogniseABrokenSocketOrAClosedPooledConnectionDeepInTheCauseChain() {
    assertThat(DependencyOutage.of(new IllegalStateException("Could not set JDBC Connection read-only",
        new SQLException("Connection is closed")))).isPresent();
    assertThat(DependencyOutage.of(new RuntimeException(new SQLException("I/O error", new SocketException(
        "Broken pipe"))))).isPresent();
  }

  @Test
  void shouldNotMistakeABugOrARefusedStatementForAnOutage() {
    assertThat(DependencyOutage.of(new SQLException("duplicate key value", "23505"))).isEmpty();
    assertThat(DependencyOutage.of(new IllegalArgumentException("bad input"))).isEmpty();
  }
}
