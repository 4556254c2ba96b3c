package dev.tenantwave.catalog.topology;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** A region (e.g. eu-west) and the jurisdiction (e.g. EU) its data stays in. */
@Serdeable
@MappedEntity("regions")
public record Region(@Id String id, String jurisdiction, Long version) {}
