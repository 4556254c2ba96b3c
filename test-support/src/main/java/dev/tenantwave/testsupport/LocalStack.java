package dev.tenantwave.testsupport;

import dev.tenantwave.events.KafkaAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real Kafka (KRaft), Apicurio Registry and PostgreSQL on this machine, no Docker: what tests and {@code ./tw up}
 * run on. Data lives under one directory, which a restart reuses unless asked to start clean.
 */
public final class LocalStack implements AutoCloseable {

  /** The ports the stack listens on; {@link #random()} for tests, fixed ones for the local stack. */
  public record Ports(int kafka, int kafkaController, int kafkaInternal, int registry, int postgres) {
    public static Ports random() {
      return new Ports(freePort(), freePort(), freePort(), freePort(), freePort());
    }

    /** Each port by the {@code ./tw up} setting that chooses it. */
    public Map<String, Integer> bySetting() {
      Map<String, Integer> ports = new LinkedHashMap<>();
      ports.put("TW_KAFKA_PORT", kafka);
      ports.put("TW_KAFKA_CONTROLLER_PORT", kafkaController);
      ports.put("TW_KAFKA_INTERNAL_PORT", kafkaInternal);
      ports.put("TW_REGISTRY_PORT", registry);
      ports.put("TW_PG_PORT", postgres);
      return ports;
    }
  }

  private static final int FIRST_CHOSEN_PORT = 20_000;
  private static final int LAST_CHOSEN_PORT = 32_000;

  private final List<AutoCloseable> started;
  private final KafkaBroker kafka;
  private final StackCredentials credentials;
  private final String registryUrl;
  private final Postgres postgres;

  private LocalStack(List<AutoCloseable> started, KafkaBroker kafka, StackCredentials credentials, String registryUrl,
                     Postgres postgres) {
    this.started = started;
    this.kafka = kafka;
    this.credentials = credentials;
    this.registryUrl = registryUrl;
    this.postgres = postgres;
  }

  /** A stack for tests: the PostgreSQL superuser may log in (by password), so tests can see past row security. */
  public static LocalStack start(Path dataDir, Ports ports, boolean clean) {
    return start(dataDir, ports, clean, true);
  }

  /**
   * Starts Kafka beside PostgreSQL and then the registry on it (start-up takes as long as the slower side), all on
   * loopback, stopping all if one fails. Fails before starting anything when one of the ports is taken. The
   * generated passwords are in {@link StackCredentials#FILE} of {@code dataDir}; with {@code superuserLogin} false
   * the PostgreSQL superuser cannot log in and the stack administers PostgreSQL as {@link LocalPostgres#ADMIN}.
   */
  public static LocalStack start(Path dataDir, Ports ports, boolean clean, boolean superuserLogin) {
    PortCheck.requireFree(ports.bySetting());
    List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    try {
      if (clean) {
        deleteTree(dataDir);
      }
      Path logs = dataDir.resolve("logs");
      Files.createDirectories(logs);
      StackCredentials credentials = StackCredentials.in(dataDir);
      var kafka = CompletableFuture.supplyAsync(() -> track(started, KafkaBroker.start(dataDir.resolve("kafka"),
          ports.kafka(), ports.kafkaController(), ports.kafkaInternal(), logs, credentials, superuserLogin ? 0 : -1)));
      var pgAndRegistry = CompletableFuture.supplyAsync(() -> {
        Postgres postgres = track(started,
            LocalPostgres.start(dataDir, ports.postgres(), credentials, superuserLogin)).admin();
        Postgres storage = new Postgres(postgres.jdbcUrl(LocalPostgres.REGISTRY_DATABASE), LocalPostgres.REGISTRY,
            postgres.loginPassword(LocalPostgres.REGISTRY).orElseThrow());
        SchemaRegistry registry = track(started, SchemaRegistry.start(ports.registry(), storage, logs));
        return Map.entry(postgres, registry);
      });
      CompletableFuture.allOf(kafka, pgAndRegistry).join();
      return new LocalStack(started, kafka.join(), credentials, pgAndRegistry.join().getValue().url(),
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

  /**
   * Where the stack's own clients reach Kafka without credentials as a super user: the tests' harness listener
   * (a stack for tests); a stack without one answers the client listener, where credentials are required.
   */
  public String kafkaBootstrap() {
    return kafka.bootstrap();
  }

  /** The listener services and applications use: SASL/SCRAM-SHA-512, authorized by principal. */
  public String kafkaClientBootstrap() {
    return kafka.clientBootstrap();
  }

  /** Client settings (bootstrap, SASL) of a principal of {@link KafkaAccess}. */
  public Map<String, Object> kafkaClientConfig(String principal) {
    return KafkaBroker.clientConfig(kafka.clientBootstrap(), principal, credentials.password("kafka", principal));
  }

  /** The SCRAM password of a principal of {@link KafkaAccess}. */
  public String kafkaPassword(String principal) {
    return credentials.password("kafka", principal);
  }

  /** The stack administrator's client settings: a super user (topics, ACLs, credentials). */
  public Map<String, Object> kafkaAdminConfig() {
    return kafka.adminConfig();
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

  /**
   * A port nothing listens on, below Linux's ephemeral range (32768 and up): a port the kernel handed out for
   * "any free port" is also what it hands to outgoing connections, so one of those could take it between this check
   * and the server's bind, and the server would fail to start.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST_CHOSEN_PORT, LAST_CHOSEN_PORT);
      try (ServerSocket socket = new ServerSocket(port)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("No free port between " + FIRST_CHOSEN_PORT + " and " + LAST_CHOSEN_PORT);
  }
}
