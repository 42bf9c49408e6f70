package com.example.auth;

import java.util.Random;

public class ResetTokens {
    private final Random random = new Random();

    public String newToken() {
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }
}
