package com.example.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ExportController {
    private static final String EXPORT_DIR = "/srv/exports";

    @GetMapping("/export")
    public byte[] export(@RequestParam String name) throws IOException {
        File file = new File(EXPORT_DIR, name); // wfc-expect: security high
        return Files.readAllBytes(file.toPath());
    }

    @GetMapping("/convert")
    public String convert(@RequestParam String file) throws IOException {
        Runtime.getRuntime().exec("convert " + file + " out.pdf"); // wfc-expect: security critical
        return "ok";
    }
}
