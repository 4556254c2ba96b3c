package dev.tenantwave.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.failsafe.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed logins are budgeted per user and per source address (a Failsafe bursty rate limiter per key): once a key
 * has spent its budget for the period, every login for that user or from that source is refused, without checking
 * the password, until the budget would allow another attempt. Keys are held in bounded Caffeine caches, so a flood
 * of invented user names cannot grow memory without bound.
 */
public final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final int MAX_KEYS = 100_000;
  private static final int MAX_NAME_LENGTH = 64;

  private final LoginThrottleSettings settings;
  private final Clock clock;
  private final Cache<String, RateLimiter<Object>> budgets;
  private final Cache<String, Instant> lockedUntil;

  public LoginThrottle(LoginThrottleSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    Duration keep = settings.getPeriod().multipliedBy(2);
    this.budgets = Caffeine.newBuilder().expireAfterAccess(keep).maximumSize(MAX_KEYS).build();
    this.lockedUntil = Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(MAX_KEYS).build();
  }

  /** How long the caller must wait before another login for this user or from this source, if at all. */
  public Optional<Duration> retryAfter(String user, String source) {
    if (!settings.isEnabled()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant until = later(lockedUntil.getIfPresent(userKey(user)), lockedUntil.getIfPresent(sourceKey(source)));
    return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  /** Logs a failed login (never the password) and spends one attempt of the user's and the source's budgets. */
  public void recordFailure(String user, String source) {
    LOG.warn("Failed login for user '{}' from {}", printable(user), source);
    if (!settings.isEnabled()) {
      return;
    }
    spend(userKey(user), settings.getPerUser(), "user '" + printable(user) + "'");
    spend(sourceKey(source), settings.getPerSource(), "source " + source);
  }

  private void spend(String key, int allowed, String who) {
    RateLimiter<Object> budget = budgets.get(key,
        k -> RateLimiter.burstyBuilder(allowed, settings.getPeriod()).build());
    Duration wait = budget.reservePermit();
    if (!wait.isZero() && !wait.isNegative()) {
      lockedUntil.put(key, clock.instant().plus(wait));
      LOG.warn("Logins for {} throttled for {} s: more than {} failed logins in {}", who,
          Math.max(1, wait.toSeconds()), allowed, settings.getPeriod());
    }
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static String userKey(String user) {
    return "user:" + printable(user);
  }

  private static String sourceKey(String source) {
    return "source:" + source;
  }

  /** The user name as given, safe for a log line and bounded in length. */
  static String printable(String user) {
    if (user == null) {
      return "";
    }
    String clean = user.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
    return clean.length() > MAX_NAME_LENGTH ? clean.substring(0, MAX_NAME_LENGTH) + "…" : clean;
  }
}
