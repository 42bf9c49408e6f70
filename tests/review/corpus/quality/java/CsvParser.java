package com.example.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class CsvParser {
    private CsvParser() {
    }

    public static List<String> columns(String[] cells) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= cells.length; i++) { // wfc-expect: correctness medium
            out.add(cells[i].trim());
        }
        return out;
    }

    public static List<String> numbers(List<String> lines) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            Pattern p = Pattern.compile("\\d+"); // wfc-expect: performance low
            Matcher m = p.matcher(line);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }

    public static int parseOrZero(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            e.printStackTrace();
            return 0;
        }
    }
}
