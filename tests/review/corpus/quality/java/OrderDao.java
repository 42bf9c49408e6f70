package com.example.orders;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

public class OrderDao {
    private final DataSource ds;

    public OrderDao(DataSource ds) {
        this.ds = ds;
    }

    public List<Long> openOrderIds() throws SQLException {
        Connection conn = ds.getConnection(); // wfc-expect: reliability medium
        Statement st = conn.createStatement(); // wfc-expect: reliability medium
        ResultSet rs = st.executeQuery("SELECT id FROM orders WHERE status = 'OPEN'");
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
            ids.add(rs.getLong(1));
        }
        conn.close();
        return ids;
    }

    public void cancelAll(List<Long> ids, Statement st) throws SQLException {
        for (Long id : ids) {
            st.executeUpdate("UPDATE orders SET status = 'CANCELLED' WHERE id = " + id); // wfc-expect: performance medium
        }
    }
}
