-- Webhook endpoints and their deliveries, shared by every replica. A delivery is attempted by
-- the one replica holding its lease (taken when it comes due, cleared when the attempt is
-- recorded); a lease that lapses (its replica died mid-attempt) lets another replica retry it.

CREATE TABLE webhooks (
    webhook_id text PRIMARY KEY,
    project_id text NOT NULL,
    document   text NOT NULL  -- the endpoint as stored, signing secrets included
);
CREATE INDEX webhooks_by_project ON webhooks (project_id);

CREATE TABLE webhook_deliveries (
    position         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    delivery_id      text PRIMARY KEY,
    webhook_id       text NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    project_id       text NOT NULL,
    review_id        text,
    status           text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    next_attempt_at  double precision,  -- epoch seconds, while pending
    lease_owner      text,
    lease_expires_at timestamptz,
    document         text NOT NULL,
    -- One announcement of a review's end per endpoint, whichever replicas saw it end.
    UNIQUE (webhook_id, review_id)
);
CREATE INDEX webhook_deliveries_by_hook ON webhook_deliveries (webhook_id, position);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
