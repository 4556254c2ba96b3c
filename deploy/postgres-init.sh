#!/usr/bin/env bash
# First start of the compose PostgreSQL: one least-privilege login per service owning that service's database (no
# other login may connect to it), the migration worker's owner and runtime logins, the registry's login, and an
# administrator without superuser or BYPASSRLS; then the superuser is locked, so no login bypasses row security.
# Every password comes from the environment (deploy/generate-secrets.sh writes them); none has a default.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v admin_pw="$TW_PG_ADMIN_PASSWORD" -v catalog_pw="$TW_CATALOG_DB_PASSWORD" \
  -v orchestrator_pw="$TW_ORCHESTRATOR_DB_PASSWORD" -v migration_pw="$TW_MIGRATION_DB_PASSWORD" \
  -v runtime_pw="$TW_RUNTIME_DB_PASSWORD" -v registry_pw="$TW_REGISTRY_DB_PASSWORD" <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE tw_admin LOGIN CREATEDB CREATEROLE NOSUPERUSER NOBYPASSRLS PASSWORD :'admin_pw';
CREATE ROLE tw_catalog LOGIN PASSWORD :'catalog_pw';
CREATE ROLE tw_orchestrator LOGIN PASSWORD :'orchestrator_pw';
CREATE ROLE tw_migration LOGIN PASSWORD :'migration_pw';
CREATE ROLE tw_runtime LOGIN NOBYPASSRLS PASSWORD :'runtime_pw';
CREATE ROLE tw_registry LOGIN PASSWORD :'registry_pw';
GRANT tw_catalog, tw_orchestrator, tw_migration, tw_runtime, tw_registry TO tw_admin WITH ADMIN TRUE, INHERIT FALSE, SET TRUE;
GRANT pg_read_all_stats TO tw_migration;
CREATE DATABASE tw_catalog OWNER tw_catalog;
CREATE DATABASE tw_rollout OWNER tw_orchestrator;
CREATE DATABASE tw_migration OWNER tw_migration;
CREATE DATABASE apicurio OWNER tw_registry;
-- The example product's data (tenants of the README walkthrough): the worker's owner login runs its migrations.
CREATE DATABASE crm OWNER tw_migration;
REVOKE ALL ON DATABASE tw_catalog, tw_rollout, tw_migration, apicurio FROM PUBLIC;
SQL
# Password authentication only; the image's own "trust" lines for local sockets go.
cat > "$PGDATA/pg_hba.conf" <<'HBA'
local all all scram-sha-256
host all all all scram-sha-256
HBA
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "ALTER ROLE \"$POSTGRES_USER\" NOLOGIN"
