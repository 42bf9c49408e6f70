import java.sql.*;
import javax.servlet.http.*;
import org.springframework.web.bind.annotation.*;

@RestController
public class UserController {
    @Autowired JdbcTemplate jdbcTemplate;

    @GetMapping("/users")
    public List<Map<String, Object>> users(@RequestParam("name") String name) {
        String sql = "SELECT * FROM users WHERE name = '" + name + "'";
        return jdbcTemplate.queryForList(sql); // wfc-expect: security critical
    }

    @PostMapping("/ping")
    public String ping(@RequestParam String host) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "ping -c 1 " + host).start(); // wfc-expect: security critical
        return "ok";
    }

    @GetMapping("/fetch")
    public String fetch(@RequestParam String url) throws Exception {
        return new RestTemplate().getForObject(url, String.class); // wfc-expect: security high
    }

    @GetMapping("/ldap")
    public void ldap(@RequestParam String user, DirContext ctx) throws Exception {
        ctx.search("ou=people,dc=example,dc=com", "(uid=" + user + ")", new SearchControls()); // wfc-expect: security high
    }
}
