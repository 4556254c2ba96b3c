package dev.tenantwave.catalog.vocabulary;

import dev.tenantwave.service.placement.PlacementRule;
import java.util.List;

/** What every part of the catalog names alike: the shape of ids, the tenancy models, how a value is quoted back. */
public final class Vocabulary {

  /** Tenants, regions, cells and clusters share one id shape. */
  public static final String ID_PATTERN = "^" + PlacementRule.TENANT_ID + "$";
  public static final List<String> TENANCY_MODELS = List.of("POOLED", "SCHEMA", "DATABASE");

  private Vocabulary() {}

  public static boolean isValidId(String id) {
    return PlacementRule.isTenantId(id);
  }

  public static String idProblem(String id) {
    return PlacementRule.tenantIdShape(id).map(PlacementRule.Refusal::detail).orElse("tenant id is valid");
  }

  /** A value as quoted in a message: at most 70 characters and an ellipsis. */
  public static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() > 70 ? value.substring(0, 70) + "..." : value;
  }
}
