package com.example.io;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.zip.CRC32;

public class ChecksumFile {
    public long crc(String path) throws IOException {
        FileInputStream in = new FileInputStream(path);
        CRC32 crc = new CRC32();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            crc.update(buf, 0, n);
        }
        return crc.getValue();
    }
}
