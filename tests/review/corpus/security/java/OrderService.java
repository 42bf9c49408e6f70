package com.example.orders;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

@Service
public class OrderService {
    private final JdbcTemplate jdbc;

    public OrderService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> recentOrderIds(String customerId, int limit) {
        return jdbc.queryForList(
            "SELECT id FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT ?",
            String.class, customerId, limit);
    }

    public int cancel(long orderId) {
        return jdbc.update("UPDATE orders SET status = 'cancelled' WHERE id = ?", orderId);
    }
}
