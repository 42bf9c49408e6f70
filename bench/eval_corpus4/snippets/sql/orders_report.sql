SELECT c.name,
       (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) AS orders,
       (SELECT SUM(total) FROM orders o WHERE o.customer_id = c.id) AS revenue
FROM customers c
WHERE LOWER(c.email) LIKE '%@example.com'
ORDER BY revenue DESC;
