package dev.tenantwave.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfiguredUsersTest {

  @Test
  void shouldReadTheCredentialsFileFormatWithCommasOrNewlines() {
    ConfiguredUsers users = ConfiguredUsers.parse("viewer=ann:pw1,operator=bob:p:w2\nadmin=cy:pw3\n");

    assertThat(users.size()).isEqualTo(3);
    assertThat(users.authenticate("bob", "p:w2")).get().extracting(ConfiguredUsers.User::role).isEqualTo(Role.OPERATOR);
    assertThat(users.authenticate("cy", "pw3")).get().extracting(ConfiguredUsers.User::role).isEqualTo(Role.ADMIN);
  }

  @Test
  void shouldRefuseWrongPasswordsUnknownUsersAndHaveNoDefaultUser() {
    ConfiguredUsers users = ConfiguredUsers.parse("viewer=ann:pw1");

    assertThat(users.authenticate("ann", "pw2")).isEmpty();
    assertThat(users.authenticate("admin", "admin")).isEmpty();
    assertThat(ConfiguredUsers.parse("").authenticate("admin", "admin")).isEmpty();
    assertThat(ConfiguredUsers.parse(null).size()).isZero();
  }

  @Test
  void shouldGrantEveryRoleBelowTheConfiguredOne() {
    assertThat(Role.ADMIN.grantedRoleNames()).containsExactly("viewer", "operator", "admin");
    assertThat(Role.VIEWER.grantedRoleNames()).containsExactly("viewer");
  }

  @Test
  void shouldRejectMalformedEntriesWithoutEchoingThePassword() {
    assertThatThrownBy(() -> ConfiguredUsers.parse("root=x:secret")).hasMessageContaining("Unknown role 'root'");
    assertThatThrownBy(() -> ConfiguredUsers.parse("viewer=nopassword"))
        .hasMessageContaining("expected role=user:password");
    assertThatThrownBy(() -> ConfiguredUsers.parse("viewer=:secret")).hasMessageNotContaining("secret");
  }
}
