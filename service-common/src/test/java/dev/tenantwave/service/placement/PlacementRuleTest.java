package dev.tenantwave.service.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.service.placement.PlacementRule.Refusal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlacementRuleTest {

  private static final PlacementRule RULE = PlacementRule.withDefaults();

  static Stream<Arguments> names() {
    return Stream.of(
        // tenancy, tenant id, database, schema -> refused field (null: allowed)
        Arguments.of("SCHEMA", "acme", "crm", "t_acme", null),
        Arguments.of("POOLED", "acme", "crm", null, null),
        Arguments.of("DATABASE", "acme", "crm_acme", null, null),
        Arguments.of("SCHEMA", "T-Mixed.Case", "crm", "t_acme", "id"),
        Arguments.of("SCHEMA", "acme", "T-Mixed.Case", "t_acme", "database"),
        Arguments.of("SCHEMA", "acme", "crm", "T_Acme", "schema"),
        Arguments.of("SCHEMA", "acme", "crm", "t-acme", "schema"),
        Arguments.of("SCHEMA", "acme", "crm", "1st", "schema"),
        Arguments.of("SCHEMA", "acme", "crm", "pg_catalog", "schema"),
        Arguments.of("SCHEMA", "acme", "crm", "pg_toast", "schema"),
        Arguments.of("SCHEMA", "acme", "crm", "information_schema", "schema"),
        Arguments.of("SCHEMA", "acme", "crm", "public", "schema"),
        Arguments.of("POOLED", "acme", "postgres", null, "database"),
        Arguments.of("POOLED", "acme", "template0", null, "database"),
        Arguments.of("DATABASE", "acme", "template1", null, "database"),
        Arguments.of("DATABASE", "acme", "pg_anything", null, "database"),
        Arguments.of("POOLED", "acme", "tw_catalog", null, "database"),
        Arguments.of("SCHEMA", "acme", "tw_rollout", "t_acme", "database"),
        Arguments.of("DATABASE", "acme", "tw_migration", null, "database"));
  }

  @ParameterizedTest(name = "{0} {1} in {2}.{3} -> {4}")
  @MethodSource
  void names(String tenancy, String id, String database, String schema, String refusedField) {
    List<Refusal> refusals = RULE.names(new Placement(id, tenancy, "pg-a", database, schema));

    if (refusedField == null) {
      assertThat(refusals).isEmpty();
    } else {
      assertThat(refusals).extracting(Refusal::field).containsExactly(refusedField);
    }
  }

  static Stream<Arguments> clashes() {
    return Stream.of(
        // tenancy/database/schema of the new tenant and of the one already there -> refused field (null: allowed)
        Arguments.of("SCHEMA", "crm", "t_1", "SCHEMA", "crm", "t_1", "schema"),
        Arguments.of("SCHEMA", "crm", "t_1", "SCHEMA", "crm", "t_2", null),
        Arguments.of("SCHEMA", "crm", "t_1", "SCHEMA", "crm_2", "t_1", null),
        Arguments.of("SCHEMA", "crm", "t_1", "POOLED", "crm", null, null),
        Arguments.of("POOLED", "crm", null, "POOLED", "crm", null, null),
        Arguments.of("POOLED", "crm", null, "SCHEMA", "crm", "t_1", null),
        Arguments.of("DATABASE", "crm", null, "DATABASE", "crm", null, "database"),
        Arguments.of("DATABASE", "crm", null, "POOLED", "crm", null, "database"),
        Arguments.of("DATABASE", "crm", null, "SCHEMA", "crm", "t_1", "database"),
        Arguments.of("POOLED", "crm", null, "DATABASE", "crm", null, "database"),
        Arguments.of("SCHEMA", "crm", "t_1", "DATABASE", "crm", null, "database"),
        Arguments.of("DATABASE", "crm", null, "DATABASE", "crm_2", null, null));
  }

  @ParameterizedTest(name = "{0} {1}.{2} next to {3} {4}.{5} -> {6}")
  @MethodSource
  void clashes(String tenancy, String database, String schema, String otherTenancy, String otherDatabase,
               String otherSchema, String refusedField) {
    Placement other = new Placement("mig-1", otherTenancy, "pg-a", otherDatabase, otherSchema);

    List<Refusal> refusals = RULE.check(new Placement("impostor", tenancy, "pg-a", database, schema), List.of(other));

    if (refusedField == null) {
      assertThat(refusals).isEmpty();
    } else {
      assertThat(refusals).singleElement().satisfies(r -> {
        assertThat(r.field()).isEqualTo(refusedField);
        assertThat(r.detail()).contains("mig-1");
      });
    }
  }

  @Test
  void shouldNotClashWithItselfNorAcrossClusters() {
    Placement schemaTenant = new Placement("mig-1", "SCHEMA", "pg-a", "crm", "t_1");

    assertThat(RULE.check(schemaTenant, List.of(schemaTenant))).isEmpty();
    assertThat(RULE.check(schemaTenant, List.of(new Placement("other", "SCHEMA", "pg-b", "crm", "t_1")))).isEmpty();
  }

  @Test
  void shouldFindTheClashAmongThousandsOfPooledNeighbours() {
    List<Placement> fleet = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      fleet.add(new Placement("pooled-" + i, "POOLED", "pg-a", "crm", null));
    }
    fleet.add(new Placement("mig-1", "SCHEMA", "pg-a", "crm", "t_mig_1"));
    PlacementIndex index = new PlacementIndex(fleet);

    Placement impostor = new Placement("impostor", "SCHEMA", "pg-a", "crm", "t_mig_1");
    assertThat(RULE.check(impostor, index.near(impostor))).extracting(Refusal::detail)
        .singleElement().asString().contains("mig-1");
    Placement greedy = new Placement("greedy", "DATABASE", "pg-a", "crm", null);
    assertThat(RULE.check(greedy, index.near(greedy))).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    Placement pooled = fleet.get(17);
    assertThat(index.near(pooled)).isEmpty();
    Placement existing = fleet.get(fleet.size() - 1);
    assertThat(RULE.check(existing, index.near(existing))).as("a tenant does not clash with itself").isEmpty();
  }

  @Test
  void shouldTakeTheReservedDatabasesFromItsSetting() {
    PlacementRule rule = new PlacementRule(List.of("ops"));

    assertThat(rule.names(new Placement("acme", "POOLED", "pg-a", "ops", null))).extracting(Refusal::field)
        .containsExactly("database");
    assertThat(rule.names(new Placement("acme", "POOLED", "pg-a", "tw_catalog", null))).isEmpty();
  }
}
