import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;

public class PrefsLoader {
    public Object load(InputStream requestBody) throws IOException, ClassNotFoundException {
        ObjectInputStream in = new ObjectInputStream(requestBody);
        return in.readObject();
    }
}
