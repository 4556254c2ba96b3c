package dev.tenantwave.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Who the CLI calls the services as: {@code TW_USER} and {@code TW_PASSWORD} when both are set, else the user of the
 * needed role in the file {@code ./tw up} writes ({@code TW_CREDENTIALS_FILE}, default {@code .tw/credentials}, lines
 * of {@code role=user:password}).
 */
public record Credentials(String user, String password) {

  /** The user of a {@code --user USER:PASSWORD} option when it was given, else {@link #forRole}. */
  public static Credentials of(String userOption, String role) {
    return userOption == null ? forRole(role) : parse(userOption);
  }

  public static Credentials parse(String userOption) {
    int colon = userOption.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("--user must be USER:PASSWORD");
    }
    return new Credentials(userOption.substring(0, colon), userOption.substring(colon + 1));
  }

  public static Credentials forRole(String role) {
    String user = System.getenv("TW_USER");
    String password = System.getenv("TW_PASSWORD");
    if (user != null && !user.isBlank() && password != null) {
      return new Credentials(user, password);
    }
    String fileName = Optional.ofNullable(System.getenv("TW_CREDENTIALS_FILE")).orElse(".tw/credentials");
    return fromFile(Path.of(fileName), role).orElseThrow(() -> new IllegalStateException("no credentials: set"
        + " TW_USER and TW_PASSWORD, or run from the directory of './tw up' (it writes " + fileName + ")"));
  }

  static Optional<Credentials> fromFile(Path file, String role) {
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> line.startsWith(role + "="))
          .map(line -> line.substring(role.length() + 1))
          .filter(userAndPassword -> userAndPassword.contains(":"))
          .map(userAndPassword -> new Credentials(userAndPassword.substring(0, userAndPassword.indexOf(':')),
              userAndPassword.substring(userAndPassword.indexOf(':') + 1)))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public String basicAuthorization() {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + "]";
  }
}
