-- One database per service that keeps state in PostgreSQL (each owns its tables through Flyway; the gate evaluator
-- keeps its state in Kafka Streams and has none) and one for the schema registry.
CREATE DATABASE tw_catalog;
CREATE DATABASE tw_rollout;
CREATE DATABASE tw_migration;
CREATE DATABASE apicurio;
-- The example product's data: tenants of the README walkthrough live here.
CREATE DATABASE crm;
