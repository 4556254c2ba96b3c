package dev.tenantwave.rollout.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A weekly window in local time: it opens on each of {@code days} at {@code start} and closes at {@code end}, on
 * the next day when {@code end} is not after {@code start} (so {@code start == end} is a whole day). Open from
 * the opening instant inclusive to the closing instant exclusive. Times are resolved with {@link ZonedDateTime},
 * so across a DST change a window keeps its local times and its real length changes; a local time that falls in
 * a spring-forward gap moves forward by the length of the gap.
 */
public record MaintenanceWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

  // a week and a day reaches the next opening even when one occurrence vanished in a DST change
  private static final int DAYS_SEARCHED = 15;

  public MaintenanceWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(zone, "zone");
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("a maintenance window needs at least one day");
    }
    days = Set.copyOf(days);
  }

  public boolean isOpen(Instant at) {
    return occurrenceAt(at).isPresent();
  }

  /** The next instant the window opens at or after {@code after}; {@code after} itself when it is open then. */
  public Instant nextOpening(Instant after) {
    if (isOpen(after)) {
      return after;
    }
    LocalDate day = after.atZone(zone).toLocalDate();
    for (int i = 0; i < DAYS_SEARCHED; i++) {
      Optional<Occurrence> occurrence = occurrence(day.plusDays(i));
      if (occurrence.isPresent() && !occurrence.get().opens().isBefore(after)) {
        return occurrence.get().opens();
      }
    }
    throw new IllegalStateException("no opening of " + this + " within " + DAYS_SEARCHED + " days of " + after);
  }

  /** When the occurrence of the window that is open at {@code at} closes. */
  public Instant closesAt(Instant at) {
    return occurrenceAt(at).map(Occurrence::closes)
        .orElseThrow(() -> new IllegalArgumentException("window " + this + " is not open at " + at));
  }

  /** The earliest next opening of any of the windows (now, if one is open now); empty when there are none. */
  public static Optional<Instant> nextOpening(List<MaintenanceWindow> windows, Instant after) {
    return windows.stream().map(w -> w.nextOpening(after)).min(Comparator.naturalOrder());
  }

  private Optional<Occurrence> occurrenceAt(Instant at) {
    LocalDate today = at.atZone(zone).toLocalDate();
    // an occurrence spans at most into the next local day, so only yesterday's and today's can be open
    return Stream.of(today.minusDays(1), today).map(this::occurrence).flatMap(Optional::stream)
        .filter(o -> o.contains(at)).max(Comparator.comparing(Occurrence::closes));
  }

  private Optional<Occurrence> occurrence(LocalDate day) {
    if (!days.contains(day.getDayOfWeek())) {
      return Optional.empty();
    }
    Instant opens = ZonedDateTime.of(day, start, zone).toInstant();
    Instant closes = ZonedDateTime.of(end.isAfter(start) ? day : day.plusDays(1), end, zone).toInstant();
    return closes.isAfter(opens) ? Optional.of(new Occurrence(opens, closes)) : Optional.empty();
  }

  private record Occurrence(Instant opens, Instant closes) {
    boolean contains(Instant at) {
      return !at.isBefore(opens) && at.isBefore(closes);
    }
  }
}
