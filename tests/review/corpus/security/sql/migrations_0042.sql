-- Adds order history and indexes.
CREATE TABLE order_history (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders(id),
    status TEXT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX order_history_order_id_idx ON order_history (order_id);

GRANT SELECT, INSERT ON order_history TO app_writer;

CREATE OR REPLACE FUNCTION order_count(p_status text) RETURNS bigint AS $$
    SELECT count(*) FROM orders WHERE status = p_status;
$$ LANGUAGE sql STABLE;
