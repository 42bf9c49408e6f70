import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;

public final class LineCounter {
    public long count(String path) throws IOException {
        BufferedReader reader = new BufferedReader(new FileReader(path));
        long n = 0;
        while (reader.readLine() != null) {
            n++;
        }
        return n;
    }
}
