package dev.tenantwave.rollout.plan;

import static dev.tenantwave.rollout.plan.Tenants.tenant;
import static dev.tenantwave.rollout.plan.Tenants.withFlags;
import static dev.tenantwave.rollout.plan.Tenants.withStatus;
import static dev.tenantwave.rollout.plan.Tenants.withWindows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlannerTest {

  static final Instant WEDNESDAY = Instant.parse("2026-12-02T10:00:00Z");
  private static final String EVERYONE_IN_EU_WEST = """
      regions:
        - region: eu-west
          waves: [{name: everyone, cohort: {}}]
      """;
  private static final MaintenanceWindow WEEKEND_NIGHTS = new MaintenanceWindow(
      Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(2, 0), LocalTime.of(6, 0), ZoneId.of("Europe/Berlin"));

  static ReleasePlan plan(String body) {
    return PlanParserTest.valid("releaseId: rel-2026-12-crm-42\nappVersion: 2.4.0\npreviousAppVersion: 2.3.1\n" + body);
  }

  static Stream<PlannedTenant> planned(PlannedRelease release, String region, String wave) {
    return release.regions().stream().filter(r -> r.region().equals(region)).flatMap(r -> r.waves().stream())
        .filter(w -> wave == null || w.name().equals(wave)).flatMap(w -> w.steps().stream())
        .flatMap(s -> s.tenants().stream());
  }

  static List<String> ids(PlannedRelease release, String region, String wave) {
    return planned(release, region, wave).map(PlannedTenant::tenantId).toList();
  }

  @Test
  void shouldReleaseEachTenantOnlyInItsOwnRegion() {
    PlannedRelease release = Planner.plan(plan("""
        regions:
          - region: eu-west
            waves: [{name: all, cohort: {}}]
          - region: us-east
            waves: [{name: all, cohort: {}}]
        """), List.of(tenant("eu-1", "eu-west", Tier.SMB, Track.GENERAL), tenant("us-1", "us-east", Tier.SMB,
        Track.GENERAL), tenant("ap-1", "ap-south", Tier.SMB, Track.GENERAL)), WEDNESDAY);
    assertThat(release.regions()).extracting(PlannedRegion::region, PlannedRegion::position)
        .containsExactly(tuple("eu-west", 0), tuple("us-east", 1));
    assertThat(ids(release, "eu-west", null)).containsExactly("eu-1");
    assertThat(ids(release, "us-east", null)).containsExactly("us-1");
    assertThat(release.skipped()).as("a tenant of a region outside the plan is simply not in it").isEmpty();
    assertThat(release.tenantCount()).isEqualTo(2);
    assertThat(release.plannedAt()).isEqualTo(WEDNESDAY);
  }

  @Test
  void shouldSkipATenantNamedByAWaveOfAnotherRegion() {
    PlannedRelease release = Planner.plan(plan("""
        regions:
          - region: eu-west
            waves: [{name: named, cohort: {tenants: [acme-us, acme-eu]}}]
          - region: us-east
            waves: [{name: all, cohort: {}}]
        """), List.of(tenant("acme-eu", "eu-west", Tier.SMB, Track.GENERAL),
        tenant("acme-us", "us-east", Tier.SMB, Track.GENERAL)), WEDNESDAY);
    assertThat(ids(release, "eu-west", null)).containsExactly("acme-eu");
    assertThat(ids(release, "us-east", null)).containsExactly("acme-us");
    assertThat(release.skipped()).containsExactly(new SkippedTenant("acme-us", "eu-west",
        "region us-east is not eu-west: a tenant is only released in its own region"));
  }

  @Test
  void shouldPutATenantMatchingTwoWavesInTheFirstOnly() {
    PlannedRelease release = Planner.plan(plan("""
        regions:
          - region: eu-west
            waves: [{name: internal, cohort: {tracks: [INTERNAL]}}, {name: everyone, cohort: {}}]
        """), List.of(tenant("in-1", "eu-west", Tier.FREE, Track.INTERNAL),
        tenant("ge-1", "eu-west", Tier.FREE, Track.GENERAL)), WEDNESDAY);
    assertThat(ids(release, "eu-west", "internal")).containsExactly("in-1");
    assertThat(ids(release, "eu-west", "everyone")).containsExactly("ge-1");
  }

  @Test
  void shouldSkipTenantsThatAreNotActiveWithTheirStatus() {
    PlannedRelease release = Planner.plan(plan(EVERYONE_IN_EU_WEST), List.of(
        withStatus(tenant("sus-1", "eu-west", Tier.SMB, Track.GENERAL), TenantStatus.SUSPENDED),
        withStatus(tenant("off-1", "eu-west", Tier.SMB, Track.GENERAL), TenantStatus.OFFBOARDING),
        tenant("act-1", "eu-west", Tier.SMB, Track.GENERAL)), WEDNESDAY);
    assertThat(ids(release, "eu-west", null)).containsExactly("act-1");
    assertThat(release.skipped()).containsExactly(new SkippedTenant("off-1", "eu-west", "status OFFBOARDING"),
        new SkippedTenant("sus-1", "eu-west", "status SUSPENDED"));
  }

  @Test
  void shouldSkipExcludedTenantsSayingWhoExcludedThem() {
    PlannedRelease release = Planner.plan(plan("""
        excludeTenants: [t-legacy]
        regions:
          - region: eu-west
            waves:
              - {name: enterprise, cohort: {tiers: [ENTERPRISE], exclude: [t-big, t-later]}}
              - {name: stragglers, cohort: {tenants: [t-later]}}
        """), Stream.of("t-legacy", "t-big", "t-later", "t-ok")
        .map(id -> tenant(id, "eu-west", Tier.ENTERPRISE, Track.GENERAL)).toList(), WEDNESDAY);
    assertThat(ids(release, "eu-west", "enterprise")).containsExactly("t-ok");
    assertThat(ids(release, "eu-west", "stragglers")).as("excluded from one wave, taken by a later one")
        .containsExactly("t-later");
    assertThat(release.skipped()).containsExactly(new SkippedTenant("t-big", "eu-west", "excluded by wave enterprise"),
        new SkippedTenant("t-legacy", "eu-west", "excluded by the plan"));
  }

  @Test
  void shouldSkipNamedTenantsThatAreNotInTheCatalogOrOutsideTheirCohort() {
    PlannedRelease release = Planner.plan(plan("""
        regions:
          - region: eu-west
            waves: [{name: enterprise, cohort: {tiers: [ENTERPRISE], tenants: [ghost, small-co, acme-eu]}}]
        """), List.of(tenant("acme-eu", "eu-west", Tier.ENTERPRISE, Track.GENERAL),
        tenant("small-co", "eu-west", Tier.SMB, Track.GENERAL)), WEDNESDAY);
    assertThat(ids(release, "eu-west", null)).containsExactly("acme-eu");
    assertThat(release.skipped()).containsExactly(new SkippedTenant("ghost", "eu-west", "not in the catalog"),
        new SkippedTenant("small-co", "eu-west",
            "named by wave enterprise but outside its cohort: its track, tier or flags do not match"));
  }

  @Test
  void shouldLeaveOutTenantsNoWaveAskedFor() {
    PlannedRelease release = Planner.plan(plan("""
        regions:
          - region: eu-west
            waves: [{name: enterprise, cohort: {tiers: [ENTERPRISE]}}]
        """), List.of(tenant("free-1", "eu-west", Tier.FREE, Track.GENERAL),
        withStatus(tenant("free-2", "eu-west", Tier.FREE, Track.GENERAL), TenantStatus.SUSPENDED)), WEDNESDAY);
    assertThat(release.tenantCount()).isZero();
    assertThat(release.skipped()).isEmpty();
  }

  @Test
  void shouldCountAFlagATenantDoesNotHaveAsFalse() {
    PlannedRelease release = Planner.plan(plan("""
        regions:
          - region: eu-west
            waves:
              - {name: flag-on, cohort: {flags: {new-pipeline: true}}}
              - {name: flag-off, cohort: {flags: {new-pipeline: false}}}
        """), List.of(withFlags(tenant("with", "eu-west", Tier.SMB, Track.GENERAL), Map.of("new-pipeline", true)),
        withFlags(tenant("without", "eu-west", Tier.SMB, Track.GENERAL), Map.of("new-pipeline", false)),
        tenant("unflagged", "eu-west", Tier.SMB, Track.GENERAL)), WEDNESDAY);
    assertThat(ids(release, "eu-west", "flag-on")).containsExactly("with");
    assertThat(ids(release, "eu-west", "flag-off")).containsExactly("unflagged", "without");
  }

  @Test
  void shouldGiveAnEnterpriseTenantItsNextMaintenanceWindow() {
    PlannedRelease release = Planner.plan(plan(EVERYONE_IN_EU_WEST), List.of(
        withWindows(tenant("acme-eu", "eu-west", Tier.ENTERPRISE, Track.GENERAL), WEEKEND_NIGHTS),
        withWindows(tenant("smb-1", "eu-west", Tier.SMB, Track.GENERAL), WEEKEND_NIGHTS)), WEDNESDAY);
    assertThat(planned(release, "eu-west", null)).containsExactly(
        new PlannedTenant("acme-eu", Tier.ENTERPRISE, Tenancy.POOLED,
            Optional.of(Instant.parse("2026-12-05T01:00:00Z")), false),
        new PlannedTenant("smb-1", Tier.SMB, Tenancy.POOLED, Optional.empty(), false));
  }

  @Test
  void shouldLeaveTheNextWindowEmptyWhileAWindowIsOpen() {
    Instant saturdayThreeInBerlin = Instant.parse("2026-12-05T02:00:00Z");
    PlannedRelease release = Planner.plan(plan(EVERYONE_IN_EU_WEST), List.of(
        withWindows(tenant("acme-eu", "eu-west", Tier.ENTERPRISE, Track.GENERAL), WEEKEND_NIGHTS)),
        saturdayThreeInBerlin);
    assertThat(planned(release, "eu-west", null)).singleElement()
        .isEqualTo(new PlannedTenant("acme-eu", Tier.ENTERPRISE, Tenancy.POOLED, Optional.empty(), false));
  }

  @Test
  void shouldKeepAnEnterpriseTenantWithoutAnyWindowInThePlanAndMarkIt() {
    PlannedRelease release = Planner.plan(plan(EVERYONE_IN_EU_WEST),
        List.of(tenant("acme-eu", "eu-west", Tier.ENTERPRISE, Track.GENERAL)), WEDNESDAY);
    assertThat(planned(release, "eu-west", null)).singleElement()
        .isEqualTo(new PlannedTenant("acme-eu", Tier.ENTERPRISE, Tenancy.POOLED, Optional.empty(), true));
    assertThat(release.skipped()).isEmpty();
  }

  @Test
  void shouldIgnoreWindowsWhenThePlanDoesNotHoldEnterpriseToThem() {
    PlannedRelease release = Planner.plan(plan("enterprise: {maintenanceWindowsOnly: false}\n" + EVERYONE_IN_EU_WEST),
        List.of(tenant("bare", "eu-west", Tier.ENTERPRISE, Track.GENERAL),
            withWindows(tenant("windowed", "eu-west", Tier.ENTERPRISE, Track.GENERAL), WEEKEND_NIGHTS)), WEDNESDAY);
    assertThat(planned(release, "eu-west", null)).allSatisfy(t -> {
      assertThat(t.nextWindow()).isEmpty();
      assertThat(t.noWindow()).isFalse();
    });
  }

  @Test
  void shouldPlanTheSameWhateverTheOrderOfTheCatalog() {
    List<CatalogTenant> catalog = Stream.of("d-4", "a-1", "c-3", "b-2")
        .map(id -> tenant(id, "eu-west", Tier.FREE, Track.GENERAL)).toList();
    ReleasePlan plan = plan(EVERYONE_IN_EU_WEST);
    PlannedRelease forwards = Planner.plan(plan, catalog, WEDNESDAY);
    assertThat(Planner.plan(plan, reversed(catalog), WEDNESDAY)).isEqualTo(forwards);
    assertThat(ids(forwards, "eu-west", null)).containsExactly("a-1", "b-2", "c-3", "d-4");
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }
}
