import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

public class RateFetcher {
    public byte[] fetch() throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL("https://rates.example.com/eur").openConnection();
        InputStream in = conn.getInputStream();
        return in.readAllBytes();
    }
}
