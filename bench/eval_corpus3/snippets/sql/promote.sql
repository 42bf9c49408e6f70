-- promote the on-call engineer for the incident window
BEGIN;
UPDATE users SET role = 'admin';
INSERT INTO audit_log (action, created_at) VALUES ('promote_oncall', now());
COMMIT;
