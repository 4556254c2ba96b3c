package dev.tenantwave.service.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roles of a bearer token: the operator roles named in the claim {@code micronaut.security.token.roles-name}
 * (env {@code TW_JWT_ROLES_CLAIM}; a dotted path such as {@code realm_access.roles} reaches into an object; a list
 * or a space- or comma-separated string), each granting the roles it includes, as HTTP Basic users get them. Names
 * that are not operator roles grant nothing.
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class ClaimRolesFinder implements RolesFinder {

  private final String[] claimPath;

  public ClaimRolesFinder(TokenConfiguration tokens) {
    this.claimPath = tokens.getRolesName().split("\\.");
  }

  @Override
  public List<String> resolveRoles(@Nullable Map<String, Object> attributes) {
    Object value = attributes;
    for (String step : claimPath) {
      value = value instanceof Map<?, ?> map ? map.get(step) : null;
    }
    Collection<?> names = value instanceof Collection<?> list ? list
        : value instanceof String text ? List.of(text.split("[,\\s]+")) : List.of();
    return names.stream().map(name -> highest(String.valueOf(name))).flatMap(Optional::stream)
        .max(Enum::compareTo).map(Role::grantedRoleNames).orElse(List.of());
  }

  private static Optional<Role> highest(String name) {
    try {
      return Optional.of(Role.fromName(name));
    } catch (IllegalArgumentException notAnOperatorRole) {
      return Optional.empty();
    }
  }
}
