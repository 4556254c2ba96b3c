-- A release: the plan as submitted and its state.
CREATE TABLE releases (
    id            text        PRIMARY KEY,
    plan_document text        NOT NULL,
    app_version   text        NOT NULL,
    migration_set text,
    state         text        NOT NULL,
    state_reason  text,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    approved_by   text,
    approved_at   timestamptz,
    version       bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Each region's pipeline: the stage it runs (-1 before the first) and failures an operator accepted by resuming.
CREATE TABLE release_regions (
    release_id        text NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    region            text NOT NULL,
    position          int  NOT NULL,
    state             text NOT NULL,
    current_stage     int  NOT NULL,
    paused_reason     text,
    accepted_wave     int  NOT NULL DEFAULT -1,
    accepted_failures int  NOT NULL DEFAULT 0,
    PRIMARY KEY (release_id, region)
);

-- Each region's percentage steps of its waves, in order: the unit that starts and completes together.
CREATE TABLE release_stages (
    release_id text NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    region     text NOT NULL,
    stage      int  NOT NULL,
    wave       int  NOT NULL,
    wave_name  text NOT NULL,
    step       int  NOT NULL,
    percent    int  NOT NULL,
    PRIMARY KEY (release_id, region, stage)
);

-- One row per tenant of a release: where it stands and what a rollback must undo.
CREATE TABLE release_tenants (
    release_id    text        NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    tenant_id     text        NOT NULL,
    region        text        NOT NULL,
    stage         int         NOT NULL,
    wave          int         NOT NULL,
    tier          text        NOT NULL,
    tenancy       text        NOT NULL,
    status        text        NOT NULL,
    awaiting      text,
    attempt       int         NOT NULL DEFAULT 0,
    switched      boolean     NOT NULL DEFAULT false,
    expand_sent   boolean     NOT NULL DEFAULT false,
    migrate_sent  boolean     NOT NULL DEFAULT false,
    gate_passed   boolean     NOT NULL DEFAULT false,
    failed        boolean     NOT NULL DEFAULT false,
    failure_kind      text,
    failure_gate      text,
    failure_observed  double precision,
    failure_threshold double precision,
    failure_baseline  double precision,
    failure_reason    text,
    failure_at        timestamptz,
    state_version bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (release_id, tenant_id)
);
CREATE INDEX release_tenants_stage ON release_tenants (release_id, region, stage);
CREATE INDEX release_tenants_status ON release_tenants (release_id, status);
CREATE INDEX release_tenants_tenant ON release_tenants (tenant_id);

-- Scheduled wake-ups: a command's answer deadline, a maintenance window's opening. Taken when due, never scanned.
CREATE TABLE wakeups (
    id         bigserial   PRIMARY KEY,
    release_id text        NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    tenant_id  text        NOT NULL,
    kind       text        NOT NULL,
    step       text,
    attempt    int,
    due_at     timestamptz NOT NULL
);
CREATE INDEX wakeups_due ON wakeups (due_at);
