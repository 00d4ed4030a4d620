-- Agent runs: the queue (claimed with FOR UPDATE SKIP LOCKED under a lease), their steps, and idempotency keys.
-- Accessed with hand-written SQL only (workers have no HTTP principal); every statement binds the tenant or a run id that
-- came from a tenant-bound statement. Lock order, everywhere: run row, then agent row, then the tenant's es_tenant_logs row
-- (es_append), then stream rows.
CREATE TABLE agent_runs (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    agent_id uuid NOT NULL REFERENCES agents (id),
    agent jsonb NOT NULL,                      -- the agent's settings when the run was created
    effective_scopes text[] NOT NULL,
    status text NOT NULL CHECK (status IN ('queued', 'running', 'cancelling', 'succeeded', 'failed', 'timed_out', 'cancelled')),
    input jsonb NOT NULL,
    output jsonb,
    error jsonb,
    trigger jsonb NOT NULL,
    source_event_id uuid,
    causation_depth integer NOT NULL DEFAULT 0,
    attempt integer NOT NULL DEFAULT 0,
    failed_attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL,
    max_concurrent_runs integer NOT NULL,
    timeout_seconds integer NOT NULL,
    available_at timestamptz NOT NULL,
    lease_owner text,
    lease_token uuid,
    lease_expires_at timestamptz,
    deadline_at timestamptz,
    cancel_requested_at timestamptz,
    input_tokens bigint NOT NULL DEFAULT 0,
    output_tokens bigint NOT NULL DEFAULT 0,
    step_count integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    started_at timestamptz,
    finished_at timestamptz,
    updated_at timestamptz NOT NULL
);

-- One run per (agent, event), whatever the concurrency or replays.
CREATE UNIQUE INDEX ix_agent_runs_agent_id_source_event_id ON agent_runs (agent_id, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX ix_agent_runs_claim ON agent_runs (available_at, id) WHERE status = 'queued';
CREATE INDEX ix_agent_runs_active ON agent_runs (agent_id) WHERE status IN ('running', 'cancelling');
CREATE INDEX ix_agent_runs_lease ON agent_runs (lease_expires_at) WHERE status IN ('running', 'cancelling');
CREATE INDEX ix_agent_runs_tenant_id_id ON agent_runs (tenant_id, id);
CREATE INDEX ix_agent_runs_tenant_id_agent_id_id ON agent_runs (tenant_id, agent_id, id);

-- Terminal states are final: a second guard behind the conditional updates.
CREATE FUNCTION agent_runs_keep_terminal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN ('succeeded', 'failed', 'timed_out', 'cancelled') THEN
        RAISE EXCEPTION 'run % is already %', OLD.id, OLD.status USING ERRCODE = 'EARTM';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER agent_runs_keep_terminal BEFORE UPDATE ON agent_runs FOR EACH ROW EXECUTE FUNCTION agent_runs_keep_terminal();

CREATE TABLE agent_run_steps (
    run_id uuid NOT NULL REFERENCES agent_runs (id),
    seq integer NOT NULL,
    tenant_id uuid NOT NULL,
    attempt integer NOT NULL,
    kind text NOT NULL CHECK (kind IN ('model_call', 'tool_call')),
    status text NOT NULL,
    detail jsonb NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL,
    duration_ms integer NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- Idempotency-Key of run creation: scoped to tenant, client and route; the request's hash decides replay (same) or 422.
CREATE TABLE idempotency_keys (
    tenant_id uuid NOT NULL,
    client_id text NOT NULL,
    route text NOT NULL,
    key text NOT NULL,
    request_hash bytea NOT NULL,
    resource_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, client_id, route, key)
);
