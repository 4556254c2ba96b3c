package dev.tenantwave.catalog.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An event waiting to be published; {@code payload} is the Avro single-object encoding, null for a tombstone. */
@MappedEntity("outbox")
public record OutboxRow(@Id @GeneratedValue @Nullable Long id, String topic, String messageKey,
                        @Nullable byte[] payload, Instant createdAt, @Nullable Instant publishedAt) {}
