package dev.tenantwave.catalog.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One line of the audit log as the REST API shows it: {@code before} and {@code after} are the JSON documents. The
 * table is the shared one ({@code dev.tenantwave.messaging}); {@link AuditRepository} maps its subject and detail
 * to these fields.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@MappedEntity("audit_log")
public record AuditLine(@Id Long id, Instant at, String actor, String action, String entityType, String entityId,
                        @Nullable String before, @Nullable String after, @Nullable String reason) {}
