import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ReportServlet extends HttpServlet {
    private Connection conn;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] regions = req.getParameterValues("region");
        try {
            Statement st = conn.createStatement();
            ResultSet rs = st.executeQuery("SELECT name, total FROM sales WHERE region = '" + regions[0] + "'");
            while (rs.next()) {
                resp.getWriter().println(rs.getString(1) + " " + rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
