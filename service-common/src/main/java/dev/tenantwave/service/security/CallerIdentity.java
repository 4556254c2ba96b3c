package dev.tenantwave.service.security;

import io.micronaut.security.authentication.Authentication;
import java.security.Principal;

/** The name recorded in audit logs for whoever made a call. */
public final class CallerIdentity {

  private CallerIdentity() {}

  public static String of(Principal principal) {
    if (principal == null) {
      return "anonymous";
    }
    if (principal instanceof Authentication authentication) {
      Object role = authentication.getAttributes().get("role");
      return role == null ? authentication.getName() : authentication.getName() + " (" + role + ")";
    }
    return principal.getName();
  }
}
