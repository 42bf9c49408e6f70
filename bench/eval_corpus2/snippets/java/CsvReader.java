import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public class CsvReader {
    public List<String[]> read(String path) throws IOException {
        BufferedReader br = new BufferedReader(new FileReader(path));
        List<String[]> rows = new ArrayList<>();
        String line;
        while ((line = br.readLine()) != null) {
            rows.add(line.split(","));
        }
        return rows;
    }
}
