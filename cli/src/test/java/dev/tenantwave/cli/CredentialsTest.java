package dev.tenantwave.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

  @TempDir Path dir;

  @Test
  void picksTheUserOfTheRoleFromTheFileThatTwUpWrites() throws IOException {
    Path file = Files.writeString(dir.resolve("credentials"),
        "viewer=viewer:v1ew:er\noperator=operator:op\nadmin=admin:ad\n");

    assertThat(Credentials.fromFile(file, "operator")).contains(new Credentials("operator", "op"));
    assertThat(Credentials.fromFile(file, "viewer")).contains(new Credentials("viewer", "v1ew:er"));
    assertThat(Credentials.fromFile(file, "auditor")).isEmpty();
    assertThat(Credentials.fromFile(dir.resolve("missing"), "viewer")).isEmpty();
  }

  @Test
  void takesTheUserOptionAsUserAndPasswordSplitAtTheFirstColon() {
    assertThat(Credentials.of("ann:se:cret", "admin")).isEqualTo(new Credentials("ann", "se:cret"));
    assertThatThrownBy(() -> Credentials.parse("ann")).hasMessage("--user must be USER:PASSWORD");
    assertThatThrownBy(() -> Credentials.parse(":secret")).hasMessage("--user must be USER:PASSWORD");
  }

  @Test
  void neverPrintsThePassword() {
    assertThat(new Credentials("ann", "secret").toString()).doesNotContain("secret");
  }
}
