package dev.tenantwave.service.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Placements by database, so that a placement is checked against the few that could clash with it (its
 * database's DATABASE tenant, its schema's SCHEMA tenant, anyone at all for a DATABASE tenant) rather than against
 * every tenant of a database that may hold thousands of POOLED ones. Two of each kind are kept: one of them is not
 * the tenant being checked.
 */
public final class PlacementIndex {

  private static final int KEPT = 2;

  private static final class Neighbourhood {
    final List<Placement> anyone = new ArrayList<>(KEPT);
    final List<Placement> dedicated = new ArrayList<>(KEPT);
    final Map<String, List<Placement>> bySchema = new HashMap<>();
  }

  private final Map<String, Neighbourhood> byDatabase = new HashMap<>();

  public PlacementIndex(Collection<Placement> placements) {
    for (Placement p : placements) {
      Neighbourhood n = byDatabase.computeIfAbsent(key(p), k -> new Neighbourhood());
      keep(n.anyone, p);
      if (Placement.DATABASE.equals(p.tenancy())) {
        keep(n.dedicated, p);
      } else if (Placement.SCHEMA.equals(p.tenancy()) && p.schema() != null) {
        keep(n.bySchema.computeIfAbsent(p.schema(), s -> new ArrayList<>(KEPT)), p);
      }
    }
  }

  /** The placements that could clash with this one; {@link PlacementRule#check} tells whether they do. */
  public List<Placement> near(Placement p) {
    Neighbourhood n = byDatabase.get(key(p));
    if (n == null) {
      return List.of();
    }
    if (Placement.DATABASE.equals(p.tenancy())) {
      return n.anyone;
    }
    List<Placement> near = new ArrayList<>(n.dedicated);
    if (Placement.SCHEMA.equals(p.tenancy()) && p.schema() != null) {
      near.addAll(n.bySchema.getOrDefault(p.schema(), List.of()));
    }
    return near;
  }

  private static void keep(List<Placement> kept, Placement p) {
    if (kept.size() < KEPT) {
      kept.add(p);
    }
  }

  private static String key(Placement p) {
    return p.cluster() + '\u0000' + p.database();
  }
}
