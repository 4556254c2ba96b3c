package dev.tenantwave.rollout.testing;

import dev.tenantwave.testsupport.ChildProcess;
import dev.tenantwave.testsupport.LocalStack;
import dev.tenantwave.testsupport.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.List;
import java.util.Map;

/** An orchestrator instance as its own process, from the module's runnable jar: the only way to kill -9 one. */
public final class OrchestratorProcess implements AutoCloseable {

  private final ChildProcess process;
  private final int port;

  private OrchestratorProcess(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  public static OrchestratorProcess start(String name, TestInfra infra, String databaseUrl, String consumerGroup,
      String users) {
    Path jar = Path.of("target").resolve(Path.of("").toAbsolutePath().getFileName() + "-0.1.0-SNAPSHOT.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the test in the verify phase");
    }
    int port = LocalStack.freePort();
    ChildProcess child = ChildProcess.start(name, List.of(ChildProcess.java(), "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dtenantwave.rollout.consumer-group=" + consumerGroup,
        // a killed instance's partitions move to the other within seconds, not the default 45 s
        "-Dkafka.consumers.default.session.timeout.ms=6000", "-Dkafka.consumers.default.heartbeat.interval.ms=1000",
        "-jar", jar.toString()), Map.of(
            "TW_KAFKA_BOOTSTRAP", infra.kafkaBootstrap(), "TW_REGISTRY_URL", infra.registryUrl(),
            "TW_DB_URL", databaseUrl, "TW_DB_USER", infra.postgres().user(),
            "TW_DB_PASSWORD", infra.postgres().password(), "TW_USERS", users, "TW_ROLLOUT_PORT", String.valueOf(port)),
        Path.of("target", "processes", name + ".log"));
    OrchestratorProcess instance = new OrchestratorProcess(child, port);
    instance.awaitHealthy(Duration.ofSeconds(90));
    return instance;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    try {
      Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("orchestrator exited:\n" + process.logTail());
        }
        try {
          return http.send(HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (java.io.IOException notListeningYet) {
          return false;
        }
      });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("orchestrator not healthy within " + timeout + ":\n" + process.logTail(), e);
    }
  }

  public void kill() {
    process.kill();
  }

  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
