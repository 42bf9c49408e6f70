-- The audit trail, each project's versioned gate policy and its suppressions, and the
-- idempotency keys of POST /v1/reviews/: shared by every replica like the rest.

CREATE TABLE audit_entries (
    seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id text,
    entry      text NOT NULL  -- the JSON document as listed, seq included
);
CREATE INDEX audit_by_project ON audit_entries (project_id, seq);

CREATE TABLE gate_policies (
    project_id text PRIMARY KEY,
    version    integer NOT NULL,
    document   text NOT NULL  -- {version, updated_at, author, policy}
);

CREATE TABLE gate_suppressions (
    position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id     text NOT NULL,
    suppression_id text NOT NULL,
    document       text NOT NULL,
    UNIQUE (project_id, suppression_id)
);

CREATE TABLE idempotency_keys (
    project_id   text NOT NULL,
    key_hash     text NOT NULL,
    request_hash text NOT NULL,
    review_id    text NOT NULL,
    created_at   double precision NOT NULL,  -- epoch seconds
    PRIMARY KEY (project_id, key_hash)
);
CREATE INDEX idempotency_by_age ON idempotency_keys (created_at);
