import java.sql.*;
import org.springframework.web.bind.annotation.*;

@RestController
public class UserController {
    @Autowired JdbcTemplate jdbcTemplate;

    @GetMapping("/users")
    public List<Map<String, Object>> users(@RequestParam("name") String name) {
        return jdbcTemplate.queryForList("SELECT * FROM users WHERE name = ?", name);
    }

    @GetMapping("/count")
    public int count(@RequestParam int limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM t LIMIT ?")) {
            ps.setInt(1, limit);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
