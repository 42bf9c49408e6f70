package web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class ETags {
    private ETags() {
    }

    /** Weak cache validator for static bodies; collisions only cost a cache miss. */
    public static String of(String body) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] digest = md.digest(body.getBytes(StandardCharsets.UTF_8));
        return "W/\"" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
    }
}
