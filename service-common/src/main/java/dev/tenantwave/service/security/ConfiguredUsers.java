package dev.tenantwave.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operator accounts, parsed from {@code role=user:password} entries separated by commas or newlines (the format
 * of {@code .tw/credentials}, which {@code ./tw up} passes in {@code TW_USERS}). There is no built-in account: with
 * nothing configured every operator call is refused.
 */
public final class ConfiguredUsers {

  /** A user with the digest of their password, never the password itself. */
  public record User(String name, Role role, byte[] passwordDigest) {}

  private final Map<String, User> users;

  private ConfiguredUsers(Map<String, User> users) {
    this.users = Map.copyOf(users);
  }

  public static ConfiguredUsers parse(String spec) {
    Map<String, User> users = new LinkedHashMap<>();
    if (spec == null) {
      return new ConfiguredUsers(users);
    }
    for (String raw : spec.split("[,\\n\\r]+")) {
      String entry = raw.trim();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int eq = entry.indexOf('=');
      int colon = entry.indexOf(':', eq + 1);
      if (eq <= 0 || colon <= eq + 1 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(
            "Bad user entry '" + entry.replaceAll(":.*", ":***") + "': expected role=user:password");
      }
      Role role = Role.fromName(entry.substring(0, eq));
      String name = entry.substring(eq + 1, colon).trim();
      users.put(name, new User(name, role, digest(entry.substring(colon + 1))));
    }
    return new ConfiguredUsers(users);
  }

  /** The user, when the name is known and the password matches (compared in constant time). */
  public Optional<User> authenticate(String name, String password) {
    User user = users.get(name);
    byte[] given = digest(password == null ? "" : password);
    if (user == null) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(user.passwordDigest(), given) ? Optional.of(user) : Optional.empty();
  }

  public int size() {
    return users.size();
  }

  private static byte[] digest(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
