-- Adds tracking columns the safe way: nullable or defaulted, index built outside a transaction.
BEGIN;

ALTER TABLE orders ADD COLUMN tracking_code text;
ALTER TABLE orders ADD COLUMN is_tracked boolean NOT NULL DEFAULT false;

CREATE TABLE shipments (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id)
);

COMMIT;

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_tracking_idx ON orders (tracking_code);
