package dev.tenantwave.e2e;

import dev.tenantwave.events.KafkaAccess;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.demo.rest.Api;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.testsupport.ChildProcess;
import dev.tenantwave.testsupport.CrmDatabases;
import dev.tenantwave.testsupport.LocalStack;
import dev.tenantwave.testsupport.TestInfra;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The four services as deployed: each a child process of its runnable jar ({@code java -jar}, configured like
 * {@code ./tw up} does, through environment variables, and {@code -D} system properties where a setting has none),
 * on a free port, with a fresh database of its own (the gate evaluator has none), its own consumer group or Streams
 * application id, an instance id it keeps across restarts (as a StatefulSet's pod name is kept), and its log in
 * {@code target/e2e-logs/<service>.log}.
 */
final class Tenantwave implements AutoCloseable {

  /** The quick-start JVM settings of {@code ./tw up} (TW_JAVA_OPTS): C1 only, a small serial heap. */
  private static final List<String> JAVA_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1");
  private static final int MAX_STARTS = 3;

  enum Service {
    CATALOG("catalog-service", "TW_CATALOG_PORT", true, KafkaAccess.CATALOG),
    ROLLOUT("rollout-orchestrator", "TW_ROLLOUT_PORT", true, KafkaAccess.ORCHESTRATOR),
    MIGRATION("migration-worker", "TW_MIGRATION_PORT", true, KafkaAccess.MIGRATION),
    GATE("gate-evaluator", "TW_GATE_PORT", false, KafkaAccess.GATE); // its state is in Kafka Streams

    final String module;
    final String portVariable;
    final boolean ownsDatabase;
    final String kafkaPrincipal;

    Service(String module, String portVariable, boolean ownsDatabase, String kafkaPrincipal) {
      this.module = module;
      this.portVariable = portVariable;
      this.ownsDatabase = ownsDatabase;
      this.kafkaPrincipal = kafkaPrincipal;
    }
  }

  /** How to start one service: everything but its port, which is free only until someone else takes it. */
  private record Launch(Service service, List<String> command, Map<String, String> environment, Path log) {

    ChildProcess start(int port) {
      Map<String, String> withPort = new LinkedHashMap<>(environment);
      withPort.put(service.portVariable, String.valueOf(port));
      return ChildProcess.start(service.module, command, withPort, log);
    }

    /** The same launch writing to {@code <module>.<suffix>.log}, so that a restart keeps the first run's log. */
    Launch loggingTo(String suffix) {
      String name = log.getFileName().toString().replaceFirst("\\.log$", "");
      return new Launch(service, command, environment, log.resolveSibling(name + "." + suffix + ".log"));
    }
  }

  private final Map<Service, Launch> launches;
  private final Map<Service, Integer> restarts = new EnumMap<>(Service.class);
  private final String gateApplicationId;
  private final Map<Service, ChildProcess> processes = new EnumMap<>(Service.class);
  private final Map<Service, Api> apis = new EnumMap<>(Service.class);

  private Tenantwave(Map<Service, Launch> launches, String gateApplicationId) {
    this.launches = launches;
    this.gateApplicationId = gateApplicationId;
  }

  /**
   * Starts the four services side by side (they become healthy in {@link #awaitHealthy}). The migration worker
   * serves {@code regions} and reaches each of {@code clusters} (ids as the catalog names them) on the test
   * PostgreSQL, as its owner login and, for POOLED backfills, as {@link CrmDatabases#RUNTIME_ROLE}.
   */
  static Tenantwave launch(TestInfra infra, Build build, Users users, List<String> regions, List<String> clusters) {
    return launch(infra, build, users, regions, clusters, EnumSet.allOf(Service.class));
  }

  /** Starts only {@code services}, for a run that needs no more (a release without migration set needs no worker). */
  static Tenantwave launch(TestInfra infra, Build build, Users users, List<String> regions, List<String> clusters,
      Set<Service> services) {
    Map<Service, Launch> launches = new EnumMap<>(Service.class);
    String gateApplicationId = TestInfra.uniqueId(KafkaAccess.GATE_APPLICATION_PREFIX + "-e2e");
    for (Service service : services) {
      Map<String, String> environment = commonEnvironment(infra, users, service);
      Map<String, String> properties = new LinkedHashMap<>();
      switch (service) {
        case ROLLOUT -> properties.put("tenantwave.rollout.consumer-group", TestInfra.uniqueId("rollout-orchestrator-e2e"));
        case MIGRATION -> {
          environment.put("TW_MIGRATION_REGIONS", String.join(",", regions));
          environment.put("TW_RUNTIME_DB_PASSWORD", CrmDatabases.runtimePassword(infra.postgres()));
          properties.put("tenantwave.migration.consumer-group", TestInfra.uniqueId("migration-worker-e2e"));
          clusters.forEach(cluster -> properties.putAll(workerCluster(infra, cluster)));
        }
        case GATE -> {
          environment.put("TW_GATE_APPLICATION_ID", gateApplicationId);
          properties.put("tenantwave.gate.state-dir", build.state(gateApplicationId).toString());
        }
        case CATALOG -> { } // its outbox relay has no consumer group
      }
      List<String> command = new ArrayList<>();
      command.add(ChildProcess.java());
      command.addAll(JAVA_OPTIONS);
      properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.addAll(List.of("-jar", build.jar(service.module).toString()));
      launches.put(service, new Launch(service, command, environment, build.log(service.module)));
    }
    Tenantwave tenantwave = new Tenantwave(launches, gateApplicationId);
    try {
      launches.keySet().forEach(tenantwave::start);
      return tenantwave;
    } catch (RuntimeException e) {
      tenantwave.close();
      throw e;
    }
  }

  private void start(Service service) {
    int port = LocalStack.freePort();
    Launch launch = launches.get(service);
    int restart = restarts.getOrDefault(service, 0);
    processes.put(service, (restart == 0 ? launch : launch.loggingTo("restart-" + restart)).start(port));
    apis.put(service, new Api("http://localhost:" + port));
  }

  /** What every service reads from its environment, as in the README: infrastructure, its own database, users. */
  private static Map<String, String> commonEnvironment(TestInfra infra, Users users, Service service) {
    Map<String, String> environment = new LinkedHashMap<>();
    // as in ./tw up: the listener that authenticates, as the service's own principal (its ACLs apply)
    environment.put("TW_KAFKA_BOOTSTRAP", infra.kafkaClientBootstrap());
    environment.put("TW_KAFKA_USER", service.kafkaPrincipal);
    environment.put("TW_KAFKA_PASSWORD", infra.kafkaPassword(service.kafkaPrincipal));
    environment.put("TW_REGISTRY_URL", infra.registryUrl());
    if (service.ownsDatabase) {
      environment.put("TW_DB_URL", infra.postgres().createDatabase(
          TestInfra.uniqueId("tw_" + service.module.replace('-', '_'))));
      environment.put("TW_DB_USER", infra.postgres().user());
      environment.put("TW_DB_PASSWORD", infra.postgres().password());
    }
    environment.put("TW_USERS", users.twUsers());
    environment.put("TW_INSTANCE_ID", TestInfra.uniqueId(service.module)); // its port changes at a restart
    return environment;
  }

  /** {@code tenantwave.migration.clusters.<id>.*}: the cluster's tenant databases on the test PostgreSQL. */
  private static Map<String, String> workerCluster(TestInfra infra, String cluster) {
    String prefix = "tenantwave.migration.clusters." + cluster + ".";
    return Map.of(prefix + "jdbc-url", infra.postgres().jdbcUrl("{database}"),
        prefix + "username", infra.postgres().user(),
        prefix + "password", infra.postgres().password(),
        prefix + "runtime-username", CrmDatabases.RUNTIME_ROLE,
        prefix + "runtime-password", CrmDatabases.runtimePassword(infra.postgres()));
  }

  /**
   * Waits until every service's {@code /health} is UP, failing with its log as soon as one exits. A service whose
   * free port was taken by another process before it could bind it is started again on another one.
   */
  void awaitHealthy(Duration timeout) {
    for (Service service : processes.keySet()) {
      awaitHealthy(service, timeout);
    }
  }

  private void awaitHealthy(Service service, Duration timeout) {
    for (int attempt = 1; !awaitHealthyOrExit(service, timeout); attempt++) {
      ChildProcess exited = processes.get(service);
      if (attempt == MAX_STARTS || !exited.logTail(20).contains("already in use")) {
        exited.requireAlive(); // fails with the log
      }
      System.out.println("e2e: " + service.module + " lost its port to another process before binding it;"
          + " starting it again on another one");
      start(service);
    }
  }

  /** Whether the service became healthy (false: it exited first). */
  private boolean awaitHealthyOrExit(Service service, Duration timeout) {
    ChildProcess process = processes.get(service);
    Api api = api(service);
    await(service.module + " healthy at " + api.baseUrl() + "/health").atMost(timeout)
        .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .until(() -> !process.isAlive() || isUp(api.get("/health", null)));
    return process.isAlive();
  }

  private static boolean isUp(Api.Response health) {
    return health.status() == 200 && "UP".equals(health.json().path("status").asText());
  }

  Api api(Service service) {
    return apis.get(service);
  }

  /** The gate's Streams application id, which is also its consumer group. */
  String gateApplicationId() {
    return gateApplicationId;
  }

  /** Ends the service at once, as kill -9 does: no shutdown hook, no leave of its consumer group. */
  void kill(Service service) {
    processes.get(service).kill();
  }

  /**
   * Starts the service again as it was launched (same database, consumer group, application id), on a new free port,
   * and waits until it is healthy; its log is {@code <module>.restart-<n>.log}.
   */
  void restart(Service service, Duration timeout) {
    relaunch(service);
    awaitHealthy(service, timeout);
  }

  /** Starts the service again as {@link #restart} does, without waiting for it. */
  void relaunch(Service service) {
    if (processes.get(service).isAlive()) {
      throw new IllegalStateException(service.module + " is still running");
    }
    restarts.merge(service, 1, Integer::sum);
    start(service);
  }

  /** The JDBC URL of the service's own database. */
  String databaseUrl(Service service) {
    return launches.get(service).environment().get("TW_DB_URL");
  }

  /** The last lines of every service's log, for a failure report. */
  String logTails(int lines) {
    return processes.values().stream().map(p -> p.logTail(lines)).collect(Collectors.joining("\n\n"));
  }

  @Override
  public void close() {
    processes.values().parallelStream().forEach(ChildProcess::close);
  }
}
