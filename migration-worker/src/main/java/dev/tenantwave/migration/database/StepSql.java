package dev.tenantwave.migration.database;

import dev.tenantwave.migration.history.TenantHistory;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What several steps share: the schema lock, verify.sql, and the POOLED neighbours' histories. */
final class StepSql {

  /** Serialises DDL and history creation per schema (POOLED: per database), whoever runs it. */
  static final String LOCK_SCHEMA =
      "SELECT pg_advisory_xact_lock(hashtext('tenantwave-migration'), hashtext(current_schema()))";

  private StepSql() {
  }

  static void lockSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(LOCK_SCHEMA);
    }
  }

  static void verify(Connection connection, PhaseRun run, Phase phase) throws SQLException {
    failOnFindings(phase, ScriptExecutor.query(connection, run.set.verify(), verifyParameters(run, phase), 10));
  }

  static Map<String, Object> verifyParameters(PhaseRun run, Phase phase) {
    return Map.of("tenant_id", run.tenant.tenantId(), "phase", phase.name());
  }

  static void failOnFindings(Phase phase, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new StepFailedException("verify.sql after " + phase + " found: " + String.join("; ", problems));
    }
  }

  /** The POOLED tenants of this database whose history matches, reading each under its own tenant scope. */
  static List<String> pooledTenantsWhere(Connection connection, PhaseRun run, TenantDirectory directory,
      TenantTransactions transactions, Predicate<TenantHistory> condition) throws SQLException {
    List<String> matching = new ArrayList<>();
    for (TenantPlacement other : directory.inDatabase(run.tenant.cluster(), run.tenant.database())) {
      if (other.model() != TenancyModel.POOLED) {
        continue;
      }
      transactions.scope(connection, other.tenantId(), "public");
      if (condition.test(JdbcHistory.load(connection, other.tenantId(), run.set.name()))) {
        matching.add(other.tenantId());
      }
    }
    transactions.scope(connection, run.tenant.tenantId(), TenantTransactions.searchPath(run.tenant));
    return matching;
  }
}
