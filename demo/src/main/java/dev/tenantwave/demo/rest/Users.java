package dev.tenantwave.demo.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One login per role, with random passwords, as every service reads them from {@code TW_USERS}. */
public record Users(User viewer, User operator, User admin) {

  /** A login; {@link #credentials()} is the {@code USER:PASSWORD} form of the CLI's {@code --user}. */
  public record User(String name, String password) {
    public String credentials() {
      return name + ":" + password;
    }
  }

  public static Users random() {
    return new Users(new User("eve", secret()), new User("otto", secret()), new User("ada", secret()));
  }

  /** The users of {@code ./tw up}'s credentials file: a {@code role=user:password} line per role. */
  public static Users fromCredentialsFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the credentials file " + file + " (./tw up writes it): " + e);
    }
    Map<String, User> byRole = new HashMap<>();
    for (String line : lines) {
      int equals = line.indexOf('=');
      int colon = line.indexOf(':', equals + 1);
      if (equals > 0 && colon > equals) {
        byRole.put(line.substring(0, equals).trim(),
            new User(line.substring(equals + 1, colon), line.substring(colon + 1).trim()));
      }
    }
    for (String role : List.of("viewer", "operator", "admin")) {
      if (!byRole.containsKey(role)) {
        throw new IllegalStateException("no " + role + "=user:password line in " + file);
      }
    }
    return new Users(byRole.get("viewer"), byRole.get("operator"), byRole.get("admin"));
  }

  /** The {@code TW_USERS} value: {@code role=user:password}, comma-separated. */
  public String twUsers() {
    return "viewer=" + viewer.credentials() + ",operator=" + operator.credentials() + ",admin=" + admin.credentials();
  }

  private static String secret() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
