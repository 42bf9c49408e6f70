import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class BookSearch extends HttpServlet {
    private Connection connection;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String q = req.getParameter("q");
        try (Statement st = connection.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT title FROM books WHERE title LIKE '%" + q + "%'");
            while (rs.next()) {
                resp.getWriter().println(rs.getString(1));
            }
        } catch (Exception e) {
            resp.sendError(500);
        }
    }
}
