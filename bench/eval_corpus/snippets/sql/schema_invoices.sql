CREATE TABLE invoices (
    id          bigserial PRIMARY KEY,
    customer_id bigint      NOT NULL REFERENCES customers (id),
    total_cents integer     NOT NULL CHECK (total_cents >= 0),
    issued_at   timestamptz NOT NULL DEFAULT now(),
    paid_at     timestamptz
);

CREATE INDEX invoices_customer_idx ON invoices (customer_id);
