package org.rasteragg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a numeric CSV with a header into columns (empty field = NaN). */
final class CsvRead {

    private CsvRead() {
    }

    static Map<String, double[]> read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static Map<String, double[]> parse(String text) {
        List<String> lines = text.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            double[] v = new double[lines.size() - 1];
            for (int r = 1; r < lines.size(); r++) {
                String f = lines.get(r).split(",", -1)[c];
                v[r - 1] = f.isEmpty() ? Double.NaN : Double.parseDouble(f);
            }
            cols.put(header[c], v);
        }
        return cols;
    }
}
