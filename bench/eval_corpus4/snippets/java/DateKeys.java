package reports;

import java.text.SimpleDateFormat;
import java.util.Date;

public class DateKeys {
    private static final SimpleDateFormat FORMAT = new SimpleDateFormat("yyyy-MM-dd");

    public static String key(Date d) {
        return FORMAT.format(d);
    }
}
