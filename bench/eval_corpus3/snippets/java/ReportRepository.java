import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

public class ReportRepository {
    private final JdbcTemplate jdbc;

    public ReportRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> byStatus(String status) {
        String sql = String.format("SELECT id, amount FROM reports WHERE status = '%s'", status);
        return jdbc.queryForList(sql);
    }
}
