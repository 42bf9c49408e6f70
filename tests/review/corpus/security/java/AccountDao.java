package com.example.bank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class AccountDao {
    private final Connection connection;

    public AccountDao(Connection connection) {
        this.connection = connection;
    }

    public ResultSet findByOwner(String owner) throws SQLException {
        Statement stmt = connection.createStatement();
        return stmt.executeQuery("SELECT * FROM accounts WHERE owner = '" + owner + "'"); // wfc-expect: security high
    }

    public ResultSet findById(long id) throws SQLException {
        PreparedStatement ps = connection.prepareStatement("SELECT * FROM accounts WHERE id = ?");
        ps.setLong(1, id);
        return ps.executeQuery();
    }
}
