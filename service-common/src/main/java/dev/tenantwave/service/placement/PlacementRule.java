package dev.tenantwave.service.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The one rule for where a tenant may live, shared by the catalog (which refuses such a tenant with 422) and the
 * migration worker (which refuses to migrate it, before any SQL). Names: a tenant id is {@value #TENANT_ID}; a
 * database or schema name is a plain PostgreSQL identifier {@value #IDENTIFIER}, never one of PostgreSQL's own
 * ({@code pg_*}, {@code information_schema}, {@code postgres}, {@code template0}, {@code template1}, and
 * {@code public} for a SCHEMA tenant, whose schema would then be the POOLED tenants' one) and never a database of
 * Tenantwave's services. Placements: a SCHEMA tenant's schema, and a DATABASE tenant's database, belong to that
 * tenant alone; POOLED tenants share their database with each other and with SCHEMA tenants.
 */
public final class PlacementRule {

  public static final String TENANT_ID = "[a-z0-9][a-z0-9-]{1,62}";
  public static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";
  public static final List<String> DEFAULT_RESERVED_DATABASES = List.of("tw_catalog", "tw_rollout", "tw_migration");

  private static final Pattern TENANT_ID_PATTERN = Pattern.compile(TENANT_ID);
  private static final Pattern IDENTIFIER_PATTERN = Pattern.compile(IDENTIFIER);
  private static final Set<String> SYSTEM_DATABASES = Set.of("postgres", "template0", "template1");

  /** What is wrong and with which field of the tenant. */
  public record Refusal(String field, String detail) {}

  private final Set<String> reservedDatabases;

  public PlacementRule(Collection<String> reservedDatabases) {
    this.reservedDatabases = new TreeSet<>(reservedDatabases);
  }

  public static PlacementRule withDefaults() {
    return new PlacementRule(DEFAULT_RESERVED_DATABASES);
  }

  public static boolean isTenantId(String id) {
    return id != null && TENANT_ID_PATTERN.matcher(id).matches();
  }

  public static boolean isIdentifier(String name) {
    return name != null && IDENTIFIER_PATTERN.matcher(name).matches();
  }

  /** The tenant id's shape, or empty when it is fine. */
  public static Optional<Refusal> tenantIdShape(String id) {
    return isTenantId(id) ? Optional.empty() : Optional.of(new Refusal("id", "tenant id '" + abbreviate(id)
        + "' must match " + TENANT_ID + " (2-63 characters: lower-case letters, digits and '-', not starting with '-')"));
  }

  /** A database or schema name's shape, or empty when it is fine. */
  public static Optional<Refusal> identifierShape(String field, String name) {
    return isIdentifier(name) ? Optional.empty() : Optional.of(new Refusal(field, field + " name '" + abbreviate(name)
        + "' must be a plain PostgreSQL identifier matching " + IDENTIFIER
        + " (lower-case letters, digits and '_', not starting with a digit, at most 63)"));
  }

  /** Every way the placement's names break the rule: their shape, PostgreSQL's own names, the services' databases. */
  public List<Refusal> names(Placement p) {
    List<Refusal> refusals = new ArrayList<>();
    tenantIdShape(p.tenantId()).ifPresent(refusals::add);
    Optional<Refusal> database = identifierShape("database", p.database());
    if (database.isPresent()) {
      refusals.add(database.get());
    } else if (SYSTEM_DATABASES.contains(p.database()) || p.database().startsWith("pg_")) {
      refusals.add(new Refusal("database", "database '" + p.database() + "' is PostgreSQL's own; place tenant '"
          + p.tenantId() + "' in a database of its application"));
    } else if (reservedDatabases.contains(p.database())) {
      refusals.add(new Refusal("database", "database '" + p.database() + "' belongs to a Tenantwave service "
          + reservedDatabases + "; place tenant '" + p.tenantId() + "' in a database of its application"));
    }
    if (Placement.SCHEMA.equals(p.tenancy())) {
      Optional<Refusal> schema = identifierShape("schema", p.schema());
      if (schema.isPresent()) {
        refusals.add(schema.get());
      } else if (p.schema().startsWith("pg_") || p.schema().equals("information_schema")) {
        refusals.add(new Refusal("schema", "schema '" + p.schema() + "' is PostgreSQL's own; a SCHEMA tenant needs"
            + " a schema of its own"));
      } else if (p.schema().equals("public")) {
        refusals.add(new Refusal("schema", "schema 'public' is where POOLED tenants share their tables; a SCHEMA"
            + " tenant needs a schema of its own"));
      }
    }
    return refusals;
  }

  /** How the placement collides with another tenant's, or empty when they may live side by side. */
  public static Optional<Refusal> clash(Placement p, Placement other) {
    if (p.tenantId() != null && p.tenantId().equals(other.tenantId()) || !p.sameDatabaseAs(other)) {
      return Optional.empty();
    }
    if (Placement.DATABASE.equals(p.tenancy())) {
      return Optional.of(new Refusal("database", p.where() + " already holds tenant '" + other.tenantId() + "' ("
          + other.tenancy() + "); a DATABASE tenant needs a database of its own"));
    }
    if (Placement.DATABASE.equals(other.tenancy())) {
      return Optional.of(new Refusal("database", p.where() + " is tenant '" + other.tenantId()
          + "''s own (DATABASE tenancy); no other tenant may be placed in it"));
    }
    if (Placement.SCHEMA.equals(p.tenancy()) && Placement.SCHEMA.equals(other.tenancy())
        && p.schema() != null && p.schema().equals(other.schema())) {
      return Optional.of(new Refusal("schema", "schema '" + p.schema() + "' of " + p.where()
          + " is already tenant '" + other.tenantId() + "''s; a SCHEMA tenant needs a schema of its own"));
    }
    return Optional.empty();
  }

  /** The refusals of the placement's names, then of its clash with each other tenant. */
  public List<Refusal> check(Placement p, Collection<Placement> others) {
    List<Refusal> refusals = names(p);
    for (Placement other : others) {
      clash(p, other).ifPresent(refusals::add);
    }
    return refusals;
  }

  public Set<String> reservedDatabases() {
    return reservedDatabases;
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() > 70 ? value.substring(0, 70) + "..." : value;
  }
}
