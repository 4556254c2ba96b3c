package dev.tenantwave.catalog.topology;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** A cell: the slice of the application fleet that serves a set of tenants, inside one region. */
@Serdeable
@MappedEntity("cells")
public record Cell(@Id String id, String region, Long version) {}
