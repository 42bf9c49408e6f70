import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] names = req.getParameterValues("name");
        String who = names == null ? "stranger" : names[0];
        resp.setContentType("text/html");
        resp.getWriter().println("<p>Hello " + who + "</p>");
    }
}
