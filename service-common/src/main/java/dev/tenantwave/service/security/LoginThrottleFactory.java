package dev.tenantwave.service.security;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
class LoginThrottleFactory {

  @Singleton
  LoginThrottle loginThrottle(LoginThrottleSettings settings) {
    return new LoginThrottle(settings, Clock.systemUTC());
  }
}
