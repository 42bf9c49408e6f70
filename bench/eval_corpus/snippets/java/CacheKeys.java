package com.example.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class CacheKeys {
    private CacheKeys() {}

    public static String forUrl(String url) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("MD5");
        return "page:" + HexFormat.of().formatHex(md.digest(url.getBytes(StandardCharsets.UTF_8)));
    }
}
