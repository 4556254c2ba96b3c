package dev.tenantwave.e2e;

import java.util.UUID;

/** One login per role, with random passwords, as every service reads them from {@code TW_USERS}. */
record Users(User viewer, User operator, User admin) {

  /** A login; {@link #credentials()} is the {@code USER:PASSWORD} form of the CLI's {@code --user}. */
  record User(String name, String password) {
    String credentials() {
      return name + ":" + password;
    }
  }

  static Users random() {
    return new Users(new User("eve", secret()), new User("otto", secret()), new User("ada", secret()));
  }

  /** The {@code TW_USERS} value: {@code role=user:password}, comma-separated. */
  String twUsers() {
    return "viewer=" + viewer.credentials() + ",operator=" + operator.credentials() + ",admin=" + admin.credentials();
  }

  private static String secret() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
