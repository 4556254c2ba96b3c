package dev.tenantwave.migration.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.migration.testing.WorkerHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Fleet expand on N SCHEMA tenants (a column and an index on three tables each): the worker against Flyway looped
 * over the same schemas with the same DDL, on the same PostgreSQL, in the same run. Flyway gets a pooled
 * DataSource too, so the comparison is of the approach, not of connection setup.
 *
 * <p>Args: tenants (default 1000), worker concurrency or a comma-separated list of them, each run on its own
 * fresh set of schemas against the one Flyway figure (default 4; 2 to 4 suit a 2-core box).
 */
public final class FleetExpandBenchmark {

  private static final String SET = "bench-fleet-expand";

  public static void main(String[] args) throws Exception {
    int tenants = BenchPostgres.intArg(args, 0, 1_000);
    List<Integer> concurrencies = args.length > 1
        ? Arrays.stream(args[1].split(",")).map(String::trim).map(Integer::parseInt).toList()
        : List.of(4);
    try (AutoCloseable pg = BenchPostgres.start()) {
      String suffix = Long.toHexString(System.nanoTime());
      long setupStart = System.nanoTime();
      List<List<TenantPlacement>> workerSchemas = new ArrayList<>();
      for (int concurrency : concurrencies) {
        workerSchemas.add(createSchemas("fleet_worker_c" + concurrency + "_" + suffix, tenants));
      }
      List<TenantPlacement> flywaySchemas = createSchemas("fleet_flyway_" + suffix, tenants);
      for (List<TenantPlacement> schemas : workerSchemas) {
        analyze(schemas.get(0).database());
      }
      analyze(flywaySchemas.get(0).database());
      System.out.printf("setup: %d x %d schemas x 3 tables in %.1f s%n", concurrencies.size() + 1, tenants,
          seconds(setupStart));

      ServerProfile profile = ServerProfile.start(flywaySchemas.get(0).database());
      double flywaySeconds = flywayLooped(flywaySchemas);
      profile.print("flyway looped", tenants);
      System.out.printf("flyway looped:  %d schemas in %.2f s (%.1f schemas/s)%n", tenants, flywaySeconds,
          tenants / flywaySeconds);

      for (int i = 0; i < concurrencies.size(); i++) {
        int concurrency = concurrencies.get(i);
        profile = ServerProfile.start(workerSchemas.get(i).get(0).database());
        double workerSeconds = worker(workerSchemas.get(i), concurrency);
        profile.print("worker c=" + concurrency, tenants);
        System.out.printf("worker (c=%d):  %d schemas in %.2f s (%.1f schemas/s)%n", concurrency, tenants,
            workerSeconds, tenants / workerSeconds);
        System.out.printf("speed-up: %.1fx; extrapolated to 10,000 schemas: worker %.0f s, flyway %.0f s%n",
            flywaySeconds / workerSeconds, workerSeconds * 10_000 / tenants, flywaySeconds * 10_000 / tenants);
      }
    }
  }

  private static double flywayLooped(List<TenantPlacement> schemas) throws Exception {
    Path location = Files.createTempDirectory("flyway-bench");
    String ddl = new String(FleetExpandBenchmark.class.getResourceAsStream("/migrations/" + SET + "/expand.sql")
        .readAllBytes());
    Files.writeString(location.resolve("V1__fleet_expand.sql"), ddl);
    try (HikariDataSource dataSource = new HikariDataSource()) {
      dataSource.setJdbcUrl(Pg.jdbcUrl(schemas.get(0).database()));
      dataSource.setUsername(Pg.user());
      dataSource.setPassword(Pg.password());
      dataSource.setMaximumPoolSize(2);
      // non-empty schemas without a Flyway history: baseline at 0, then V1; load() copies the configuration
      FluentConfiguration configuration = Flyway.configure().dataSource(dataSource).createSchemas(false)
          .baselineOnMigrate(true).baselineVersion("0").locations("filesystem:" + location);
      long start = System.nanoTime();
      for (TenantPlacement tenant : schemas) {
        configuration.schemas(tenant.schema()).load().migrate();
      }
      return seconds(start);
    }
  }

  private static double worker(List<TenantPlacement> schemas, int concurrency) {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    schemas.forEach(directory::put);
    try (WorkerHarness harness = new WorkerHarness(directory, MigrationSetLoader.classpath(), BackfillSettings.DEFAULT,
        FleetLimits.of(concurrency, concurrency))) {
      long start = System.nanoTime();
      List<Progress> results = harness.runAll(schemas, SET, Phase.EXPAND);
      double elapsed = seconds(start);
      long failed = results.stream().filter(p -> p.state() != ProgressState.SUCCEEDED).count();
      if (failed > 0) {
        throw new IllegalStateException(failed + " tenants failed, e.g. " + results.stream()
            .filter(p -> p.state() != ProgressState.SUCCEEDED).findFirst().orElseThrow().error());
      }
      return elapsed;
    }
  }

  private static List<TenantPlacement> createSchemas(String database, int tenants) throws Exception {
    Pg.createDatabase(database);
    List<TenantPlacement> placements = new ArrayList<>();
    try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (int i = 0; i < tenants; i++) {
        String schema = "t_" + i;
        statement.execute("CREATE SCHEMA " + schema + ";"
            + "CREATE TABLE " + schema + ".deals (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
            + " tenant_id text NOT NULL, name text NOT NULL, stage text NOT NULL);"
            + "CREATE TABLE " + schema + ".contacts (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
            + " tenant_id text NOT NULL, email text NOT NULL);"
            + "CREATE TABLE " + schema + ".activities (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
            + " tenant_id text NOT NULL, kind text NOT NULL);"
            + "INSERT INTO " + schema + ".deals (tenant_id, name, stage) SELECT 't', 'd' || g, 'lead'"
            + " FROM generate_series(1, 20) g;"
            + "INSERT INTO " + schema + ".contacts (tenant_id, email) SELECT 't', g || '@x' FROM generate_series(1, 20) g;"
            + "INSERT INTO " + schema + ".activities (tenant_id, kind) SELECT 't', 'call' FROM generate_series(1, 20) g");
        if (i % 100 == 99) {
          connection.commit();
        }
        placements.add(new TenantPlacement("t-" + i, CrmFleet.REGION, TenancyModel.SCHEMA, CrmFleet.CLUSTER,
            database, schema));
      }
      connection.commit();
    }
    return placements;
  }

  /**
   * Catalog statistics as a fleet database has them in steady state (autovacuum analyses pg_class and pg_namespace
   * in time), not as a database whose thousands of schemas were created a second ago, for which the planner
   * believes pg_namespace holds a handful of rows: both contenders start from the same analysed catalog.
   */
  private static void analyze(String database) throws Exception {
    try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE");
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
