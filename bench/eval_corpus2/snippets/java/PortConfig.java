import java.util.Map;

public class PortConfig {
    public int parsePort(Map<String, String> env) {
        try {
            return Integer.parseInt(env.get("PORT"));
        } catch (Exception e) {
        }
        return 8080;
    }
}
