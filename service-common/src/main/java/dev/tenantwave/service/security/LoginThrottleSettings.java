package dev.tenantwave.service.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code tenantwave.security.login-throttle}: how many failed logins a user or a source may make per period. */
@ConfigurationProperties("tenantwave.security.login-throttle")
public class LoginThrottleSettings {

  public static final boolean DEFAULT_ENABLED = true;
  public static final int DEFAULT_PER_USER = 10;
  public static final int DEFAULT_PER_SOURCE = 60;
  public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);

  private boolean enabled = DEFAULT_ENABLED;
  private int perUser = DEFAULT_PER_USER;
  private int perSource = DEFAULT_PER_SOURCE;
  private Duration period = DEFAULT_PERIOD;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Failed logins allowed per user name and period, from any source. */
  public int getPerUser() {
    return perUser;
  }

  public void setPerUser(int perUser) {
    this.perUser = perUser;
  }

  /** Failed logins allowed per source address and period, for any user name. */
  public int getPerSource() {
    return perSource;
  }

  public void setPerSource(int perSource) {
    this.perSource = perSource;
  }

  public Duration getPeriod() {
    return period;
  }

  public void setPeriod(Duration period) {
    this.period = period;
  }
}
