package com.example.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

public class HttpFetcher {
    public String fetch(String address) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL(address).openConnection(); // wfc-expect: reliability medium
        conn.setRequestMethod("GET");
        try (InputStream in = conn.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            conn.disconnect();
        }
    }

    public void ping(String address) {
        try {
            fetch(address);
        } catch (Exception e) {
            e.printStackTrace(); // wfc-expect: reliability low
        }
    }

    public boolean ok(String status) {
        if (status != "OK") { // wfc-expect: correctness medium
            return false;
        }
        return true;
    }
}
