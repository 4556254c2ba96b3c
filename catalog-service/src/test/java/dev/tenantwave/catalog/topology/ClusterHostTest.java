package dev.tenantwave.catalog.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterHostTest {

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "pg-1.db.internal", "db.example.com.", "10.0.0.5", "::1", "fe80::1",
      "2001:db8::8a2e:370:7334"})
  void shouldAcceptHostNamesAndAddresses(String host) {
    assertThat(ClusterHost.isValid(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "bad host", "-leading.example", "trailing-.example", "a..b", "x/y", "db:5432",
      "1.2.3.4.5:1", "jdbc:postgresql://db", "ünicode.example", ":::"})
  void shouldRefuseWhatIsNoHost(String host) {
    assertThat(ClusterHost.isValid(host)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void shouldRefuseALabelLongerThan63Characters() {
    assertThat(ClusterHost.isValid("a".repeat(63) + ".example")).isTrue();
    assertThat(ClusterHost.isValid("a".repeat(64) + ".example")).isFalse();
  }
}
