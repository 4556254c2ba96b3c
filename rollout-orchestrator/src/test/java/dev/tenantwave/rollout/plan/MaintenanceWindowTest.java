package dev.tenantwave.rollout.plan;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant WEDNESDAY = Instant.parse("2026-12-02T10:00:00Z");
  private final MaintenanceWindow weekendNights =
      new MaintenanceWindow(Set.of(SATURDAY, SUNDAY), LocalTime.of(2, 0), LocalTime.of(6, 0), BERLIN);

  @Test
  void shouldOpenNextOnSaturdayAtTwoBerlinTimeFromAWednesday() {
    assertThat(weekendNights.isOpen(WEDNESDAY)).isFalse();
    // 02:00 CET is 01:00 UTC in December
    assertThat(weekendNights.nextOpening(WEDNESDAY)).isEqualTo(Instant.parse("2026-12-05T01:00:00Z"));
  }

  @Test
  void shouldBeOpenFromItsOpeningInclusiveToItsClosingExclusive() {
    Instant saturdayOpening = Instant.parse("2026-12-05T01:00:00Z");
    Instant saturdayClosing = Instant.parse("2026-12-05T05:00:00Z");
    assertThat(weekendNights.isOpen(saturdayOpening.minusSeconds(1))).isFalse();
    assertThat(weekendNights.isOpen(saturdayOpening)).isTrue();
    assertThat(weekendNights.nextOpening(saturdayOpening.plusSeconds(60))).isEqualTo(saturdayOpening.plusSeconds(60));
    assertThat(weekendNights.closesAt(saturdayOpening.plusSeconds(60))).isEqualTo(saturdayClosing);
    assertThat(weekendNights.isOpen(saturdayClosing)).isFalse();
    assertThat(weekendNights.nextOpening(saturdayClosing)).isEqualTo(Instant.parse("2026-12-06T01:00:00Z"));
    assertThat(weekendNights.nextOpening(Instant.parse("2026-12-06T05:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-12T01:00:00Z"));
  }

  @Test
  void shouldRefuseToSayWhenAClosedWindowCloses() {
    assertThatThrownBy(() -> weekendNights.closesAt(WEDNESDAY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not open");
  }

  @Test
  void shouldStayOpenPastMidnightIntoTheNextDay() {
    MaintenanceWindow fridayNight =
        new MaintenanceWindow(Set.of(FRIDAY), LocalTime.of(22, 0), LocalTime.of(2, 0), ZoneOffset.UTC);
    assertThat(fridayNight.isOpen(Instant.parse("2026-12-04T21:59:59Z"))).isFalse();
    assertThat(fridayNight.isOpen(Instant.parse("2026-12-04T23:00:00Z"))).isTrue();
    assertThat(fridayNight.isOpen(Instant.parse("2026-12-05T01:00:00Z"))).isTrue();
    assertThat(fridayNight.closesAt(Instant.parse("2026-12-05T01:00:00Z"))).isEqualTo(Instant.parse("2026-12-05T02:00:00Z"));
    assertThat(fridayNight.isOpen(Instant.parse("2026-12-05T02:00:00Z"))).isFalse();
    // opened on Friday only: Saturday night stays closed
    assertThat(fridayNight.isOpen(Instant.parse("2026-12-05T23:00:00Z"))).isFalse();
    assertThat(fridayNight.nextOpening(Instant.parse("2026-12-05T02:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-11T22:00:00Z"));
  }

  @Test
  void shouldCrossFromSundayIntoMonday() {
    MaintenanceWindow sundayLate = new MaintenanceWindow(Set.of(SUNDAY), LocalTime.of(23, 0), LocalTime.of(1, 0), BERLIN);
    Instant mondayHalfPastMidnightBerlin = Instant.parse("2026-12-06T23:30:00Z");
    assertThat(sundayLate.isOpen(mondayHalfPastMidnightBerlin)).isTrue();
    assertThat(sundayLate.closesAt(mondayHalfPastMidnightBerlin)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
  }

  @Test
  void shouldTakeEqualStartAndEndAsAWholeDay() {
    MaintenanceWindow monday = new MaintenanceWindow(Set.of(MONDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneOffset.UTC);
    assertThat(monday.isOpen(Instant.parse("2026-12-07T00:00:00Z"))).isTrue();
    assertThat(monday.closesAt(Instant.parse("2026-12-07T12:00:00Z"))).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
    assertThat(monday.isOpen(Instant.parse("2026-12-08T00:00:00Z"))).isFalse();
  }

  @Test
  void shouldKeepLocalTimesAcrossTheSpringForwardChange() {
    MaintenanceWindow sunday = new MaintenanceWindow(Set.of(SUNDAY), LocalTime.of(1, 0), LocalTime.of(4, 0), BERLIN);
    Instant opens = sunday.nextOpening(Instant.parse("2026-03-28T12:00:00Z"));
    assertThat(opens).isEqualTo(Instant.parse("2026-03-29T00:00:00Z")); // 01:00 CET
    assertThat(sunday.closesAt(opens)).isEqualTo(Instant.parse("2026-03-29T02:00:00Z")); // 04:00 CEST
    assertThat(Duration.between(opens, sunday.closesAt(opens))).hasHours(2);
  }

  @Test
  void shouldKeepLocalTimesAcrossTheFallBackChange() {
    MaintenanceWindow sunday = new MaintenanceWindow(Set.of(SUNDAY), LocalTime.of(1, 0), LocalTime.of(4, 0), BERLIN);
    Instant opens = sunday.nextOpening(Instant.parse("2026-10-24T12:00:00Z"));
    assertThat(opens).isEqualTo(Instant.parse("2026-10-24T23:00:00Z")); // 01:00 CEST
    assertThat(sunday.closesAt(opens)).isEqualTo(Instant.parse("2026-10-25T03:00:00Z")); // 04:00 CET
    assertThat(Duration.between(opens, sunday.closesAt(opens))).hasHours(4);
  }

  @Test
  void shouldMoveAnOpeningInTheSpringForwardGapToAfterTheGap() {
    MaintenanceWindow sunday = new MaintenanceWindow(Set.of(SUNDAY), LocalTime.of(2, 30), LocalTime.of(4, 0), BERLIN);
    // 02:30 does not exist on 2026-03-29 in Berlin; it becomes 03:30 CEST
    assertThat(sunday.nextOpening(Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void shouldCrossMidnightIntoADaylightSavingChange() {
    MaintenanceWindow saturdayNight =
        new MaintenanceWindow(Set.of(SATURDAY), LocalTime.of(22, 0), LocalTime.of(3, 0), BERLIN);
    Instant opens = saturdayNight.nextOpening(Instant.parse("2026-03-28T12:00:00Z"));
    assertThat(opens).isEqualTo(Instant.parse("2026-03-28T21:00:00Z"));
    assertThat(saturdayNight.closesAt(opens)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
  }

  @Test
  void shouldFindTheEarliestOpeningOfSeveralWindows() {
    MaintenanceWindow fridayNight = new MaintenanceWindow(Set.of(FRIDAY), LocalTime.of(22, 0), LocalTime.of(2, 0), BERLIN);
    assertThat(MaintenanceWindow.nextOpening(List.of(weekendNights, fridayNight), WEDNESDAY))
        .contains(Instant.parse("2026-12-04T21:00:00Z"));
    assertThat(MaintenanceWindow.nextOpening(List.of(), WEDNESDAY)).isEmpty();
  }

  @Test
  void shouldRefuseAWindowWithoutDays() {
    assertThatThrownBy(() -> new MaintenanceWindow(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT, BERLIN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
