package dev.tenantwave.service.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code tenantwave.kafka}: how this instance belongs to its consumer groups. With static membership a restarted
 * instance takes its partitions back at once instead of waiting for the dead member's session to expire.
 */
@ConfigurationProperties("tenantwave.kafka")
public class GroupMembershipSettings {

  public static final boolean DEFAULT_STATIC_MEMBERSHIP = true;
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

  private boolean staticMembership = DEFAULT_STATIC_MEMBERSHIP;
  private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
  private String instanceId;

  /** Join consumer groups as a static member ({@code group.instance.id}) when an instance id is known. */
  public boolean isStaticMembership() {
    return staticMembership;
  }

  public void setStaticMembership(boolean staticMembership) {
    this.staticMembership = staticMembership;
  }

  /** How long the group waits for an instance that stopped heartbeating before moving its partitions. */
  public Duration getSessionTimeout() {
    return sessionTimeout;
  }

  public void setSessionTimeout(Duration sessionTimeout) {
    this.sessionTimeout = sessionTimeout;
  }

  /**
   * This instance's id, stable across its restarts and unique among the instances of the service (env
   * {@code TW_INSTANCE_ID}); when unset it is {@code <service>-<host>-<HTTP port>}, or none with a random port.
   */
  @Nullable
  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(@Nullable String instanceId) {
    this.instanceId = instanceId;
  }
}
