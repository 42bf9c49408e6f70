package com.example.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Base64;

public class SessionStore {
    public Object restore(String cookieValue) throws IOException, ClassNotFoundException {
        byte[] raw = Base64.getDecoder().decode(cookieValue);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw))) {
            return in.readObject(); // wfc-expect: security high
        }
    }
}
