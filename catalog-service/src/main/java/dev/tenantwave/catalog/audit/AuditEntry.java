package dev.tenantwave.catalog.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One line of the append-only audit log; {@code before} and {@code after} are the JSON documents. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@MappedEntity("audit_log")
public record AuditEntry(@Id @GeneratedValue @Nullable Long id, Instant at, String actor, String action,
                         String entityType, String entityId, @Nullable String before, @Nullable String after,
                         @Nullable String reason) {}
