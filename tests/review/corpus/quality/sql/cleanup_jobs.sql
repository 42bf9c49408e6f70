-- Nightly maintenance for the orders schema.

UPDATE orders SET status = 'archived'; -- wfc-expect: correctness high

DELETE FROM sessions
WHERE expires_at < now() - interval '7 days';

SELECT id, email
FROM customers
WHERE deleted_at = NULL; -- wfc-expect: correctness medium

SELECT id, name
FROM products
ORDER BY RANDOM() -- wfc-expect: performance medium
LIMIT 5;
