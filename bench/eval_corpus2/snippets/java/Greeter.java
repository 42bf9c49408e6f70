import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class Greeter extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getHeader("X-User-Name");
        resp.setContentType("text/html");
        resp.getWriter().write("<p>Welcome back, " + name + "</p>");
    }
}
