-- Webhook subscriptions, their deliveries (one per event, in position order per subscription) and every attempt.
-- Delivery holds the subscription row lock (FOR UPDATE SKIP LOCKED) for one attempt, so instances never deliver the same
-- attempt concurrently; the cursor and the delivery commit together with the attempt's outcome.
CREATE TABLE webhook_subscriptions (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    url text NOT NULL,
    event_types text[] NOT NULL,
    stream_prefix text,
    description text,
    secret text NOT NULL,
    enabled boolean NOT NULL,
    cursor_position bigint NOT NULL,
    consecutive_failures integer NOT NULL DEFAULT 0,
    disabled_reason text,
    worked_at timestamptz NOT NULL,            -- when a delivery worker last looked at it (round robin)
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX ix_webhook_subscriptions_tenant_id_id ON webhook_subscriptions (tenant_id, id);
CREATE INDEX ix_webhook_subscriptions_enabled ON webhook_subscriptions (id) WHERE enabled;

CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    tenant_id uuid NOT NULL,
    message_id text NOT NULL,
    event_id uuid,
    position bigint,
    event_type text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    first_attempt_at timestamptz,
    last_status_code integer,
    last_error text,
    last_duration_ms integer,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (subscription_id, message_id)
);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (subscription_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_subscription_id_id ON webhook_deliveries (subscription_id, id);

CREATE TABLE webhook_delivery_attempts (
    delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    status_code integer,
    duration_ms integer NOT NULL,
    error text,
    attempted_at timestamptz NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
