-- Issue #20: a run pauses (requires_action) while tool calls wait for their outputs or for approval. It holds no worker and
-- no lease meanwhile: what it needs to go on is stored here — the conversation so far (Microsoft.Extensions.AI's messages,
-- as JSON text: their type markers must keep their place, which jsonb would not keep), the calls it waits on with their
-- answers (jsonb, compared whole to fence concurrent answers), and when it gives up waiting.
ALTER TABLE agent_runs DROP CONSTRAINT agent_runs_status_check;
ALTER TABLE agent_runs ADD CONSTRAINT agent_runs_status_check
    CHECK (status IN ('queued', 'running', 'cancelling', 'requires_action', 'succeeded', 'failed', 'timed_out', 'cancelled'));
ALTER TABLE agent_runs ADD COLUMN conversation text, ADD COLUMN required_action jsonb, ADD COLUMN action_expires_at timestamptz;
CREATE INDEX ix_agent_runs_action_expiry ON agent_runs (action_expires_at) WHERE status = 'requires_action';
