-- Issue #22: retention metadata and erasure on streams, the scavenger's progress, tenant exports, tenant offboarding.

-- Retention (KurrentDB's $maxAge / $maxCount; truncate_before exists since the soft delete). scavenged_below is the version
-- below which the scavenger has removed every event a truncation hid; scavenged_at orders the streams it visits.
ALTER TABLE es_streams
    ADD COLUMN max_age_seconds bigint NULL CHECK (max_age_seconds > 0),
    ADD COLUMN max_count bigint NULL CHECK (max_count > 0),
    ADD COLUMN erased_at timestamptz NULL,
    ADD COLUMN scavenged_below bigint NOT NULL DEFAULT 0,
    ADD COLUMN scavenged_at timestamptz NULL;

-- The streams with something to scavenge, least recently visited first. Erased streams keep their tombstones.
CREATE INDEX ix_es_streams_scavenge ON es_streams (scavenged_at NULLS FIRST)
    WHERE erased_at IS NULL AND (max_age_seconds IS NOT NULL OR max_count IS NOT NULL OR truncate_before > scavenged_below);

-- Runs are found by the event that triggered them when that event is erased.
CREATE INDEX ix_agent_runs_tenant_id_source_event_id ON agent_runs (tenant_id, source_event_id) WHERE source_event_id IS NOT NULL;

-- A tenant export: a job (claimed by one instance at a time under a lease, restarted from scratch after a crash) whose
-- NDJSON content is stored in fixed-size chunks, so any instance serves any byte range. An erasure withdraws the tenant's
-- exports that may hold what it erased: succeeded ones become 'expired' (content deleted), running ones start again.
CREATE TABLE tenant_exports (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'expired')),
    position bigint NULL,
    byte_count bigint NULL,
    line_count bigint NULL,
    sha256 text NULL,
    error text NULL,
    requested_by text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    lease_expires_at timestamptz NULL,
    created_at timestamptz NOT NULL,
    started_at timestamptz NULL,
    completed_at timestamptz NULL
);
CREATE INDEX ix_tenant_exports_tenant_id_id ON tenant_exports (tenant_id, id);
CREATE INDEX ix_tenant_exports_due ON tenant_exports (created_at) WHERE status IN ('pending', 'running');

CREATE TABLE tenant_export_chunks (
    export_id uuid NOT NULL REFERENCES tenant_exports (id) ON DELETE CASCADE,
    chunk integer NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (export_id, chunk)
);

-- Offboarding: disabled at once (offboarded_at), its data erased in the background until erased_at is set.
ALTER TABLE tenants ADD COLUMN offboarded_at timestamptz NULL, ADD COLUMN erased_at timestamptz NULL;
CREATE INDEX ix_tenants_offboarding ON tenants (offboarded_at) WHERE offboarded_at IS NOT NULL AND erased_at IS NULL;

-- A finished run stays as it finished, except when an erasure scrubs the payload its input copied from an erased event:
-- that transaction says so with SET LOCAL eventagents.erasing = 'on' (PostgresStreamLifecycle).
CREATE OR REPLACE FUNCTION agent_runs_keep_terminal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN ('succeeded', 'failed', 'timed_out', 'cancelled') AND current_setting('eventagents.erasing', true) IS DISTINCT FROM 'on' THEN
        RAISE EXCEPTION 'run % is already %', OLD.id, OLD.status USING ERRCODE = 'EARTM';
    END IF;
    RETURN NEW;
END;
$$;
