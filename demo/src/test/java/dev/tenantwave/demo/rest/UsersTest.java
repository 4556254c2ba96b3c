package dev.tenantwave.demo.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

  @TempDir
  Path dir;

  @Test
  void shouldReadOneUserPerRoleFromTheCredentialsFileOfTwUp() throws Exception {
    Path file = Files.writeString(dir.resolve("credentials"),
        "viewer=viewer:v1\noperator=operator:o:2\nadmin=admin:a3\n");

    Users users = Users.fromCredentialsFile(file);

    assertThat(users.viewer()).isEqualTo(new Users.User("viewer", "v1"));
    assertThat(users.operator().credentials()).isEqualTo("operator:o:2");
    assertThat(users.admin().name()).isEqualTo("admin");
  }

  @Test
  void shouldNameTheMissingRoleAndTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("credentials"), "viewer=viewer:v1\noperator=operator:o2\n");

    assertThatThrownBy(() -> Users.fromCredentialsFile(file)).hasMessage("no admin=user:password line in " + file);
    assertThatThrownBy(() -> Users.fromCredentialsFile(dir.resolve("missing")))
        .hasMessageStartingWith("cannot read the credentials file " + dir.resolve("missing") + " (./tw up writes it)");
  }
}
