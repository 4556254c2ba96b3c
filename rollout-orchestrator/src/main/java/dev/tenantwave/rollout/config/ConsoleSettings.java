package dev.tenantwave.rollout.config;

import dev.tenantwave.rollout.console.ConsoleFeed;
import dev.tenantwave.rollout.console.TenantSignals;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code tenantwave.console.*}: what the web console keeps in memory (defaults in application.yml). */
@ConfigurationProperties("tenantwave.console")
public class ConsoleSettings {

  /** Whether the console's feed reads the topics; without it the console shows states but nothing live. */
  private boolean feedEnabled = true;
  /** How far back the console's feed reads the topics when the instance starts, to show recent verdicts again. */
  private Duration history = ConsoleFeed.DEFAULT_HISTORY;
  /** (Release, tenant) pairs whose verdicts, windows and progress are kept; the least recently touched go first. */
  private int maxTenants = TenantSignals.DEFAULT_MAX_TENANTS;
  /** Verdicts kept per tenant. */
  private int verdictsPerTenant = TenantSignals.DEFAULT_VERDICTS_PER_TENANT;
  /** Closed gate windows kept per tenant, for its charts. */
  private int windowsPerTenant = TenantSignals.DEFAULT_WINDOWS_PER_TENANT;

  public boolean isFeedEnabled() {
    return feedEnabled;
  }

  public void setFeedEnabled(boolean feedEnabled) {
    this.feedEnabled = feedEnabled;
  }

  public Duration getHistory() {
    return history;
  }

  public void setHistory(Duration history) {
    this.history = history;
  }

  public int getMaxTenants() {
    return maxTenants;
  }

  public void setMaxTenants(int maxTenants) {
    this.maxTenants = maxTenants;
  }

  public int getVerdictsPerTenant() {
    return verdictsPerTenant;
  }

  public void setVerdictsPerTenant(int verdictsPerTenant) {
    this.verdictsPerTenant = verdictsPerTenant;
  }

  public int getWindowsPerTenant() {
    return windowsPerTenant;
  }

  public void setWindowsPerTenant(int windowsPerTenant) {
    this.windowsPerTenant = windowsPerTenant;
  }
}
