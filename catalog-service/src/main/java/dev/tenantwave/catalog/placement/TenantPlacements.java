package dev.tenantwave.catalog.placement;

import dev.tenantwave.service.placement.Placement;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The tenants placed in some databases, read under a lock on each of them: a transaction-scoped advisory lock per
 * (cluster, database), taken in key order in one statement, so two writes placing tenants in the same database
 * take turns and the second sees the first's tenant. Tenant writes take these locks after their row locks and the
 * shared topology lock, and nothing takes them in another order.
 */
@Singleton
public class TenantPlacements {

  private static final int LOCK_CLASS = 0x7477_706c; // "twpl"

  private static final String LOCK = "SELECT count(pg_advisory_xact_lock(?, k)) FROM (SELECT DISTINCT"
      + " hashtext(c || '/' || d) AS k FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS t(c, d) ORDER BY k) keys";

  private static final String READ = "SELECT id, tenancy, cluster, database_name, schema_name FROM tenants"
      + " WHERE (cluster, database_name) IN (SELECT c, d FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS t(c, d))";

  private final JdbcOperations jdbc;

  public TenantPlacements(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Locks the databases of these placements until the transaction ends and returns who is placed in them. */
  public List<Placement> lockAndRead(Collection<Placement> targets) {
    String[] clusters = targets.stream().map(Placement::cluster).toArray(String[]::new);
    String[] databases = targets.stream().map(Placement::database).toArray(String[]::new);
    return jdbc.prepareStatement(LOCK, lock -> {
      lock.setInt(1, LOCK_CLASS);
      lock.setArray(2, lock.getConnection().createArrayOf("text", clusters));
      lock.setArray(3, lock.getConnection().createArrayOf("text", databases));
      lock.executeQuery().close();
      try (var read = lock.getConnection().prepareStatement(READ)) {
        read.setArray(1, read.getConnection().createArrayOf("text", clusters));
        read.setArray(2, read.getConnection().createArrayOf("text", databases));
        List<Placement> placed = new ArrayList<>();
        try (ResultSet rs = read.executeQuery()) {
          while (rs.next()) {
            placed.add(new Placement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5)));
          }
        }
        return placed;
      }
    });
  }
}
