-- The catalog: where every tenant lives. Residency (a tenant's cell and cluster are in its region's jurisdiction)
-- is checked by the service before every write; the foreign keys keep references real.
CREATE TABLE regions (
    id           text   PRIMARY KEY,
    jurisdiction text   NOT NULL,
    version      bigint NOT NULL DEFAULT 1
);

CREATE TABLE cells (
    id      text   PRIMARY KEY,
    region  text   NOT NULL REFERENCES regions (id),
    version bigint NOT NULL DEFAULT 1
);

-- Connection coordinates only; credentials come from each worker's own configuration.
CREATE TABLE database_clusters (
    id             text   PRIMARY KEY,
    region         text   NOT NULL REFERENCES regions (id),
    tenancy_models text   NOT NULL,            -- comma-separated POOLED,SCHEMA,DATABASE
    host           text,
    port           integer,
    version        bigint NOT NULL DEFAULT 1
);

CREATE TABLE tenants (
    id                  text        PRIMARY KEY,
    display_name        text        NOT NULL,
    tier                text        NOT NULL,
    track               text        NOT NULL,
    region              text        NOT NULL REFERENCES regions (id),
    cell                text        NOT NULL REFERENCES cells (id),
    tenancy             text        NOT NULL,
    cluster             text        NOT NULL REFERENCES database_clusters (id),
    database_name       text        NOT NULL,
    schema_name         text,
    flags               text        NOT NULL DEFAULT '{}',   -- JSON object name -> boolean
    integrations        text        NOT NULL DEFAULT '[]',   -- JSON array
    maintenance_windows text        NOT NULL DEFAULT '[]',   -- JSON array
    owner               text        NOT NULL,
    status              text        NOT NULL,
    version             bigint      NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenants_region ON tenants (region, id);
CREATE INDEX tenants_cell ON tenants (cell, id);
CREATE INDEX tenants_cluster ON tenants (cluster, id);

-- Append-only: who changed what, when, from what to what, and why.
CREATE TABLE audit_log (
    id          bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    entity_type text        NOT NULL,
    entity_id   text        NOT NULL,
    before      text,
    after       text,
    reason      text
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- Wakes the outbox relay at commit; the relay also polls, so a lost notification only delays an event.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_inserted', '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
