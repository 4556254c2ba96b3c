package dev.tenantwave.service.security;

import java.util.List;
import java.util.Locale;

/**
 * The operator roles. Each role includes the ones below it: an operator may do what a viewer may, an admin what an
 * operator may. Use the string constants in {@code @Secured}.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  public static final String VIEWER_NAME = "viewer";
  public static final String OPERATOR_NAME = "operator";
  public static final String ADMIN_NAME = "admin";

  /** The name used in configuration and in {@code @Secured}: lower case. */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** This role and every role it includes, as names to grant. */
  public List<String> grantedRoleNames() {
    return java.util.Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(Role::roleName).toList();
  }

  public static Role fromName(String name) {
    for (Role role : values()) {
      if (role.roleName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new IllegalArgumentException("Unknown role '" + name + "'; expected one of viewer, operator, admin");
  }
}
