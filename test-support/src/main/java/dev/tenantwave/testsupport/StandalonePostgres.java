package dev.tenantwave.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server of a test's own, on its own port and data directory, that the test may stop and start again
 * to cause a real database outage without disturbing the shared {@link TestInfra}.
 */
public final class StandalonePostgres implements AutoCloseable {

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres server;

  private StandalonePostgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  public static StandalonePostgres start() {
    try {
      StandalonePostgres postgres = new StandalonePostgres(Files.createTempDirectory("tenantwave-pg-"),
          LocalStack.freePort());
      postgres.restart();
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Login, URL and database creation, as for the shared server. */
  public Postgres postgres() {
    return new Postgres("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
  }

  /** Stops the server: open connections break and new ones are refused until {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
      } finally {
        server = null;
      }
    }
  }

  /** Starts the server again on the same port and data. */
  public synchronized void restart() {
    if (server != null) {
      return;
    }
    try {
      server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60)).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start PostgreSQL on port " + port + " in " + dataDir, e);
    }
  }

  @Override
  public void close() {
    stop();
    try {
      LocalStack.deleteTree(dataDir);
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
