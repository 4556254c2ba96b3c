package dev.tenantwave.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Real Kafka (KRaft), Apicurio Registry and PostgreSQL on this machine, no Docker: what tests and {@code ./tw up}
 * run on. Data lives under one directory, which a restart reuses unless asked to start clean.
 */
public final class LocalStack implements AutoCloseable {

  /** The database of the registry's SQL storage, on the stack's PostgreSQL, so schemas live as long as records. */
  public static final String REGISTRY_DATABASE = "tw_registry";

  /** The ports the stack listens on; {@link #random()} for tests, fixed ones for the local stack. */
  public record Ports(int kafka, int kafkaController, int registry, int postgres) {
    public static Ports random() {
      return new Ports(freePort(), freePort(), freePort(), freePort());
    }

    /** Each port by the {@code ./tw up} setting that chooses it. */
    public Map<String, Integer> bySetting() {
      Map<String, Integer> ports = new LinkedHashMap<>();
      ports.put("TW_KAFKA_PORT", kafka);
      ports.put("TW_KAFKA_CONTROLLER_PORT", kafkaController);
      ports.put("TW_REGISTRY_PORT", registry);
      ports.put("TW_PG_PORT", postgres);
      return ports;
    }
  }

  private final List<AutoCloseable> started;
  private final String kafkaBootstrap;
  private final String registryUrl;
  private final Postgres postgres;

  private LocalStack(List<AutoCloseable> started, String kafkaBootstrap, String registryUrl, Postgres postgres) {
    this.started = started;
    this.kafkaBootstrap = kafkaBootstrap;
    this.registryUrl = registryUrl;
    this.postgres = postgres;
  }

  /**
   * Starts Kafka beside PostgreSQL and then the registry on it (start-up takes as long as the slower side), all on
   * loopback, stopping all if one fails. Fails before starting anything when one of the ports is taken.
   */
  public static LocalStack start(Path dataDir, Ports ports, boolean clean) {
    PortCheck.requireFree(ports.bySetting());
    List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    try {
      if (clean) {
        deleteTree(dataDir);
      }
      Path logs = dataDir.resolve("logs");
      Files.createDirectories(logs);
      var kafka = CompletableFuture.supplyAsync(() -> track(started,
          KafkaBroker.start(dataDir.resolve("kafka"), ports.kafka(), ports.kafkaController(), logs)));
      var pgAndRegistry = CompletableFuture.supplyAsync(() -> {
        EmbeddedPostgres pg = track(started, startPostgres(dataDir, ports.postgres()));
        Postgres postgres = new Postgres("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
            "postgres", "postgres");
        String storage = postgres.createDatabase(REGISTRY_DATABASE);
        SchemaRegistry registry = track(started, SchemaRegistry.start(ports.registry(),
            new Postgres(storage, postgres.user(), postgres.password()), logs));
        return Map.entry(postgres, registry);
      });
      CompletableFuture.allOf(kafka, pgAndRegistry).join();
      return new LocalStack(started, kafka.join().bootstrap(), pgAndRegistry.join().getValue().url(),
          pgAndRegistry.join().getKey());
    } catch (IOException e) {
      closeAll(started);
      throw new UncheckedIOException("Could not start the local stack in " + dataDir, e);
    } catch (CompletionException e) {
      closeAll(started);
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> started, T part) {
    started.add(part);
    return part;
  }

  private static EmbeddedPostgres startPostgres(Path dataDir, int port) {
    try {
      return EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(dataDir.resolve("postgres"))
          .setCleanDataDirectory(false)
          .setServerConfig("max_connections", "300")
          .setServerConfig("listen_addresses", "localhost")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start PostgreSQL on port " + port + " in " + dataDir, e);
    }
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public String registryUrl() {
    return registryUrl;
  }

  public Postgres postgres() {
    return postgres;
  }

  @Override
  public void close() {
    closeAll(started);
  }

  private static void closeAll(List<AutoCloseable> started) {
    List<AutoCloseable> reversed = new ArrayList<>(started);
    Collections.reverse(reversed);
    for (AutoCloseable part : reversed) {
      try {
        part.close();
      } catch (Exception e) {
        System.err.println("Could not stop " + part + ": " + e);
      }
    }
  }

  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port", e);
    }
  }
}
