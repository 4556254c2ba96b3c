-- One database per service (each owns its tables through Flyway) and one for the schema registry.
CREATE DATABASE tw_catalog;
CREATE DATABASE tw_rollout;
CREATE DATABASE tw_migration;
CREATE DATABASE tw_gate;
CREATE DATABASE apicurio;
-- The example product's data: tenants of the README walkthrough live here.
CREATE DATABASE crm;
