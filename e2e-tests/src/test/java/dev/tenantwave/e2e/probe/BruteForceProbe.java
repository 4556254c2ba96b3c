package dev.tenantwave.e2e.probe;

import static org.awaitility.Awaitility.await;

import dev.tenantwave.demo.rest.Users;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Issue 13's brute force: 300 wrong Basic passwords for the operator user against the orchestrator's API, as fast
 * as one client sends them. Expected: a few 401, then 429 with Retry-After; the right password is refused while
 * the user is locked and accepted once the Retry-After has passed.
 */
final class BruteForceProbe implements Probe {

  private final int attempts = Integer.getInteger("tw.probe.wrong-passwords", 300);

  @Override
  public Finding run(Stack stack) {
    String url = stack.url(Stack.ROLLOUT) + "/api/v1/releases";
    Users.User user = stack.users().operator();
    Map<String, Integer> statuses = new TreeMap<>();
    long retryAfter = 0;
    long started = System.nanoTime();
    for (int i = 0; i < attempts; i++) {
      Http.Answer answer = Http.send("GET", url, Http.basic(new Users.User(user.name(), "wrong-" + i)), null,
          (byte[]) null);
      statuses.merge(answer.key(), 1, Integer::sum);
      if (answer.status() == 429 && answer.header("Retry-After") != null) {
        retryAfter = Math.max(retryAfter, Long.parseLong(answer.header("Retry-After").trim()));
      }
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    Http.Answer rightAway = Http.send("GET", url, Http.basic(user), null, (byte[]) null);
    long waitedFrom = System.nanoTime();
    AtomicReference<Http.Answer> afterWindow = new AtomicReference<>(rightAway);
    if (rightAway.status() == 429) {
      Duration window = Duration.ofSeconds(Math.max(retryAfter, 1));
      try {
        await("the right password accepted after the Retry-After").pollDelay(window)
            .pollInterval(Duration.ofSeconds(1)).atMost(window.plusSeconds(65)).until(() -> {
              afterWindow.set(Http.send("GET", url, Http.basic(user), null, (byte[]) null));
              return afterWindow.get().status() != 429;
            });
      } catch (ConditionTimeoutException stillThrottled) {
        // reported below as the last answer
      }
    }
    double waited = (System.nanoTime() - waitedFrom) / 1e9;
    int unauthorized = statuses.getOrDefault("401", 0);
    int throttled = statuses.getOrDefault("429", 0);
    boolean ok = unauthorized + throttled == attempts && throttled > 0 && unauthorized <= 20
        && afterWindow.get().status() == 200;
    return new Finding("3 brute force", ok, String.format(Locale.ROOT,
        "%d wrong passwords for '%s' in %.1f s: %s (401 x%d, 429 x%d, Retry-After up to %d s); the right password "
            + "at once -> %s, after %.1f s -> %s",
        attempts, user.name(), elapsed, statuses, unauthorized, throttled, retryAfter, rightAway.key(), waited,
        afterWindow.get().key()));
  }
}
