package dev.tenantwave.service.security;

import dev.tenantwave.service.problem.Problem;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.reactivestreams.Publisher;

/** Refuses HTTP Basic logins of a throttled user or source with 429 and {@code Retry-After}, before security runs. */
@Filter(Filter.MATCH_ALL_PATTERN)
public class LoginThrottleFilter implements HttpServerFilter {

  private final LoginThrottle throttle;

  public LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
    Optional<String> user = basicUser(request);
    if (user.isPresent()) {
      Optional<Duration> wait = throttle.retryAfter(user.get(), source(request));
      if (wait.isPresent()) {
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        Problem problem = Problem.of(429, "login-throttled", "Too many failed logins",
            "Too many failed logins for this user or from this address; try again in " + seconds + " s.")
            .withInstance(request.getPath());
        return Publishers.just(problem.retryAfter(seconds));
      }
    }
    return chain.proceed(request);
  }

  static String source(HttpRequest<?> request) {
    if (request == null || request.getRemoteAddress() == null) {
      return "unknown";
    }
    var address = request.getRemoteAddress().getAddress();
    return address == null ? request.getRemoteAddress().getHostString() : address.getHostAddress();
  }

  private static Optional<String> basicUser(HttpRequest<?> request) {
    return request.getHeaders().getAuthorization()
        .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
        .map(value -> {
          try {
            String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
          } catch (IllegalArgumentException e) {
            return null;
          }
        });
  }
}
