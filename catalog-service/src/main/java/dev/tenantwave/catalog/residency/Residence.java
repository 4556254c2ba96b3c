package dev.tenantwave.catalog.residency;

/** Where a tenant lives, as residency judges it: its region, cell and cluster, tenancy, and declared jurisdiction. */
public record Residence(String tenantId, String region, String cell, String cluster, String tenancy,
                        String jurisdiction) {}
