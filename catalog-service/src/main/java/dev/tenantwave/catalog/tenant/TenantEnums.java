package dev.tenantwave.catalog.tenant;

import dev.tenantwave.catalog.vocabulary.Vocabulary;
import java.util.List;

/** The closed vocabularies of a tenant, checked by {@link TenantValidator}. */
public final class TenantEnums {

  public static final List<String> TIERS = List.of("FREE", "SMB", "ENTERPRISE");
  public static final List<String> TRACKS = List.of("INTERNAL", "DESIGN_PARTNER", "GENERAL");
  public static final List<String> TENANCY_MODELS = Vocabulary.TENANCY_MODELS;
  public static final List<String> STATUSES = List.of("ACTIVE", "SUSPENDED", "OFFBOARDING");
  public static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  private TenantEnums() {}
}
