import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ReportDownload extends HttpServlet {
    private final File reportDir = new File("/var/app/reports");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        File report = new File(reportDir, req.getParameter("file"));
        resp.setContentType("application/pdf");
        Files.copy(report.toPath(), resp.getOutputStream());
    }
}
