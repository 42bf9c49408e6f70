package com.example.admin;

import java.io.IOException;
import java.io.InputStream;
import javax.servlet.http.HttpServletRequest;

public class DirListing {
    public byte[] list(HttpServletRequest request) throws IOException {
        String dir = request.getParameter("dir");
        Process p = Runtime.getRuntime().exec("ls -la " + dir);
        try (InputStream in = p.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
