BEGIN;

ALTER TABLE accounts ADD COLUMN frozen boolean NOT NULL DEFAULT false;

UPDATE accounts SET frozen = true;

COMMIT;
