package dev.tenantwave.catalog.topology;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/**
 * Tenant writes hold this lock shared and topology writes hold it exclusive, each until its transaction ends: a
 * residency check never reads a cell or cluster whose region is being changed at the same moment.
 */
@Singleton
public class TopologyLock {

  private static final long KEY = 0x7477_746f_706fL; // "twtopo"

  private final JdbcOperations jdbc;

  public TopologyLock(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public void shared() {
    jdbc.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)", s -> {
      s.setLong(1, KEY);
      return s.execute();
    });
  }

  public void exclusive() {
    jdbc.prepareStatement("SELECT pg_advisory_xact_lock(?)", s -> {
      s.setLong(1, KEY);
      return s.execute();
    });
  }
}
