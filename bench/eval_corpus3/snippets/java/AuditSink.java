import java.io.FileWriter;
import java.io.IOException;

public final class AuditSink {
    private final String path;

    public AuditSink(String path) {
        this.path = path;
    }

    public void record(String event) {
        try (FileWriter w = new FileWriter(path, true)) {
            w.write(event + System.lineSeparator());
        } catch (IOException e) {
        }
    }
}
