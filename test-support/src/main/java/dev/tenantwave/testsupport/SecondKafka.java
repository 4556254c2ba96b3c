package dev.tenantwave.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second, private Kafka broker on a port chosen before it starts, so a service can be pointed at a broker that is
 * down and see it come up later (the shared broker of {@link TestInfra} cannot be stopped).
 */
public final class SecondKafka implements AutoCloseable {

  private final int port;
  private final int controllerPort;
  private KafkaBroker broker;

  public SecondKafka() {
    this.port = LocalStack.freePort();
    this.controllerPort = LocalStack.freePort();
  }

  /** Where the broker listens (or will, once started). */
  public String bootstrap() {
    return "localhost:" + port;
  }

  public void start() throws IOException {
    Path dir = Files.createTempDirectory("second-kafka");
    // the tests reach it without credentials: its harness listener takes the announced port
    broker = KafkaBroker.start(dir.resolve("data"), LocalStack.freePort(), controllerPort, LocalStack.freePort(), dir,
        StackCredentials.in(dir), port);
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }
}
