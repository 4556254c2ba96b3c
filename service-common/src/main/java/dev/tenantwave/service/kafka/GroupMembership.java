package dev.tenantwave.service.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The consumer settings that make this instance's group membership fast to recover (see the settings). */
@Singleton
public class GroupMembership {

  private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);

  private final GroupMembershipSettings settings;
  private final Optional<String> instanceId;

  public GroupMembership(GroupMembershipSettings settings,
      @Value("${micronaut.application.name:tenantwave}") String application,
      @Value("${micronaut.server.port:-1}") int port) {
    this.settings = settings;
    this.instanceId = settings.isStaticMembership() ? resolveInstanceId(settings, application, port) : Optional.empty();
    LOG.info("Kafka group membership: {}, session timeout {}", instanceId.map(id -> "static as '" + id + "'")
        .orElse("dynamic"), settings.getSessionTimeout());
  }

  /** The static member id, when this instance has one. */
  public Optional<String> instanceId() {
    return instanceId;
  }

  /** {@code session.timeout.ms}, {@code heartbeat.interval.ms} and, when static, {@code group.instance.id}. */
  public Map<String, Object> consumerSettings() {
    Map<String, Object> config = new HashMap<>();
    long session = settings.getSessionTimeout().toMillis();
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, session / 4));
    instanceId.ifPresent(id -> config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    return config;
  }

  static Optional<String> resolveInstanceId(GroupMembershipSettings settings, String application, int port) {
    String configured = settings.getInstanceId();
    if (configured != null && !configured.isBlank()) {
      return Optional.of(configured.trim());
    }
    if (port <= 0) {
      return Optional.empty(); // a random port changes on restart: no stable id to offer
    }
    return Optional.of(application + "-" + hostName() + "-" + port);
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
