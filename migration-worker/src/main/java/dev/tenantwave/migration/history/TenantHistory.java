package dev.tenantwave.migration.history;

import dev.tenantwave.migration.set.Phase;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The history of one tenant for one migration set. */
public final class TenantHistory {

  private final Map<Phase, PhaseRecord> records = new EnumMap<>(Phase.class);

  public TenantHistory(Collection<PhaseRecord> rows) {
    rows.forEach(r -> records.put(r.phase(), r));
  }

  public static TenantHistory empty() {
    return new TenantHistory(java.util.List.of());
  }

  public Optional<PhaseRecord> record(Phase phase) {
    return Optional.ofNullable(records.get(phase));
  }

  public boolean succeeded(Phase phase) {
    return record(phase).map(PhaseRecord::succeeded).orElse(false);
  }

  /** A phase that ran (in whatever state) and has not been rolled back. */
  public boolean isLive(Phase phase) {
    return record(phase).map(PhaseRecord::isLive).orElse(false);
  }
}
