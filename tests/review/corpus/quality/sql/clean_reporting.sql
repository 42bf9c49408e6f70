-- Monthly revenue by region.
CREATE VIEW monthly_revenue AS
SELECT
    r.name AS region,
    date_trunc('month', o.created_at) AS month,
    sum(o.total) AS revenue,
    count(*) AS orders
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN regions r ON r.id = c.region_id
WHERE o.status = 'paid'
  AND o.deleted_at IS NULL
GROUP BY r.name, date_trunc('month', o.created_at);

CREATE INDEX IF NOT EXISTS orders_customer_created_idx
    ON orders (customer_id, created_at);

UPDATE orders
SET status = 'expired'
WHERE status = 'pending'
  AND created_at < now() - interval '30 days';
