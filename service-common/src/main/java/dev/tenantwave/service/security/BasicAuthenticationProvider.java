package dev.tenantwave.service.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP Basic against the users of {@code tenantwave.security.users} (env {@code TW_USERS}). */
@Singleton
public class BasicAuthenticationProvider<B> implements HttpRequestAuthenticationProvider<B> {

  private static final Logger LOG = LoggerFactory.getLogger(BasicAuthenticationProvider.class);

  private final ConfiguredUsers users;
  private final LoginThrottle throttle;

  public BasicAuthenticationProvider(@Value("${tenantwave.security.users:}") String users, LoginThrottle throttle) {
    this.users = ConfiguredUsers.parse(users);
    this.throttle = throttle;
    if (this.users.size() == 0) {
      LOG.warn("No operator users configured (TW_USERS is empty): every operator API call will be refused with 401");
    }
  }

  @Override
  public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                             AuthenticationRequest<String, String> authRequest) {
    return users.authenticate(authRequest.getIdentity(), authRequest.getSecret())
        .map(user -> AuthenticationResponse.success(user.name(), user.role().grantedRoleNames(),
            Map.of("role", user.role().roleName())))
        .orElseGet(() -> {
          throttle.recordFailure(authRequest.getIdentity(), LoginThrottleFilter.source(request));
          return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        });
  }
}
