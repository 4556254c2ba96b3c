package dev.tenantwave.migration.audit;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The findings of one database of one cluster; an empty list means nothing to fix. */
@Serdeable
public record DatabaseAudit(String cluster, String database, List<Finding> findings, String error) {}
