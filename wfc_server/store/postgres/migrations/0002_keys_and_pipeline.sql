-- API keys (scoped, revocable, expiring) shared by every replica; what a CI pipeline asked of a
-- review (branch, baseline, idempotency) and the submitting request's id; diff-only projects;
-- projects being deleted (hidden at once, purged in the background).

CREATE TABLE api_keys (
    key_id          text PRIMARY KEY,
    project_id      text NOT NULL,
    name            text NOT NULL,
    prefix          text NOT NULL,
    key_hash        text NOT NULL UNIQUE,
    created_at      text NOT NULL,
    scopes          text NOT NULL DEFAULT '[]',  -- JSON array
    expires_at      text,
    last_used_at    text,
    revoked_at      text,
    created_by      text,
    expiry_recorded boolean NOT NULL DEFAULT false
);
CREATE INDEX api_keys_by_project ON api_keys (project_id, created_at);

ALTER TABLE reviews ADD COLUMN request_id text;
ALTER TABLE reviews ADD COLUMN pipeline text;  -- JSON object or NULL

ALTER TABLE projects ALTER COLUMN repo_path DROP NOT NULL;
ALTER TABLE projects ADD COLUMN deleting boolean NOT NULL DEFAULT false;
