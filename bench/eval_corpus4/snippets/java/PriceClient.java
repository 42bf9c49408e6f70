package pricing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

public class PriceClient {
    public byte[] fetch(String sku) throws IOException {
        URL url = new URL("https://prices.internal.example/api/" + sku);
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.setRequestMethod("GET");
        try (InputStream in = conn.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
