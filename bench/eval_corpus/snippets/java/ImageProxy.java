package com.example.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.servlet.http.HttpServletRequest;

public class ImageProxy {
    public byte[] fetch(HttpServletRequest request) throws IOException {
        URL source = new URL(request.getParameter("u"));
        try (InputStream in = source.openStream()) {
            return in.readAllBytes();
        }
    }
}
