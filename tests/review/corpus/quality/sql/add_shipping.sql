-- Adds shipping tracking to orders.
BEGIN;

ALTER TABLE orders ADD COLUMN carrier text NOT NULL; -- wfc-expect: correctness medium

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_carrier_idx ON orders (carrier); -- wfc-expect: correctness high

COMMIT;
