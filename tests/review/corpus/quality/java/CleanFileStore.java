package com.example.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

public class CleanFileStore {
    private static final Logger LOG = Logger.getLogger(CleanFileStore.class.getName());
    private final Path root;

    public CleanFileStore(Path root) {
        this.root = root;
    }

    public List<String> read(String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("path escapes the store: " + name);
        }
        try (Stream<String> lines = Files.lines(path)) {
            return lines.filter(line -> !line.isBlank()).toList();
        }
    }

    public boolean delete(String name) {
        try {
            Files.delete(root.resolve(name));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete " + name, e);
            throw new UncheckedIOException(e);
        }
    }
}
