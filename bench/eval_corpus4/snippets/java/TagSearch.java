package search;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class TagSearch extends HttpServlet {
    private Connection conn;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] tags = req.getParameterValues("tag");
        String list = "'" + String.join("','", tags) + "'";
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT title FROM posts WHERE tag IN (" + list + ")")) {
            while (rs.next()) {
                resp.getWriter().println(rs.getString(1));
            }
        } catch (SQLException e) {
            resp.sendError(500);
        }
    }
}
