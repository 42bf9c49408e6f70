package com.example.reports;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

public class ReportExporter {
    private final DataSource dataSource;

    public ReportExporter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<String> readHeader(String path) throws IOException {
        BufferedReader reader = new BufferedReader(new FileReader(path)); // wfc-expect: reliability medium
        List<String> header = new ArrayList<>();
        header.add(reader.readLine());
        reader.close();
        return header;
    }

    public List<String> customerNames(List<Long> ids) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
            for (Long id : ids) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
        }
        return names;
    }

    public String toCsv(List<String> rows) {
        String csv = "";
        for (String row : rows) {
            csv += row + "\n"; // wfc-expect: performance low
        }
        return csv;
    }
}
