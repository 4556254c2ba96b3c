package dev.tenantwave.migration.bench;

import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.testsupport.Postgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The benchmarks' PostgreSQL: the server at TW_PG_URL when set, else an embedded PostgreSQL 17 with its default
 * durability settings (fsync on) and room for the worker's pools.
 */
final class BenchPostgres {

  private BenchPostgres() {}

  static AutoCloseable start() {
    String url = System.getenv("TW_PG_URL");
    if (url != null) {
      Pg.use(new Postgres(url, envOr("TW_PG_USER", "postgres"), envOr("TW_PG_PASSWORD", "postgres")));
      return () -> { };
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("max_connections", "300")
          .setServerConfig("shared_buffers", "512MB")
          .setServerConfig("max_locks_per_transaction", "1024")
          .setServerConfig("max_wal_size", "4GB")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      Pg.use(new Postgres("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", "postgres"));
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
