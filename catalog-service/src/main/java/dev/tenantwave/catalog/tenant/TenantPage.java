package dev.tenantwave.catalog.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of tenants; pass {@code nextCursor} as {@code cursor} to get the next one (absent on the last page). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantPage(List<TenantDocument> items, @Nullable String nextCursor) {}
