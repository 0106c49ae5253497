package org.rasteragg.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small reader of the golden CSV tables (harpy's layout: a header row of column names, then one
 * row per label; comma separated, no quoting). An empty field is NaN; "nan"/"inf" as numpy
 * writes them are accepted. Immutable once read.
 */
public final class GoldenCsv {

    private final List<String> columns;
    private final List<String[]> rows;
    private final String source;

    private GoldenCsv(List<String> columns, List<String[]> rows, String source) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.source = source;
    }

    public static GoldenCsv read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static GoldenCsv readResource(String resource) {
        try (InputStream in = GoldenCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public static GoldenCsv parse(String text, String source) {
        String[] lines = text.replace("\r\n", "\n").split("\n");
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (header == null) {
                header = List.of(fields);
            } else {
                if (fields.length != header.size()) {
                    throw new IllegalArgumentException(source + ": row '" + line + "' has " + fields.length
                            + " fields, header has " + header.size());
                }
                rows.add(fields);
            }
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty CSV");
        }
        return new GoldenCsv(header, rows, source);
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    public String source() {
        return source;
    }

    private int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(source + ": no column '" + column + "' in " + columns);
        }
        return i;
    }

    /** The raw text of a field. */
    public String text(int row, String column) {
        return rows.get(row)[index(column)];
    }

    /** A column as doubles; empty field = NaN. */
    public double[] doubles(String column) {
        int c = index(column);
        double[] r = new double[rows.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = parseDouble(rows.get(i)[c]);
        }
        return r;
    }

    /** A column as longs (exact; labels up to 2^63 - 1). Accepts "12.0". */
    public long[] longs(String column) {
        int c = index(column);
        long[] r = new long[rows.size()];
        for (int i = 0; i < r.length; i++) {
            String s = rows.get(i)[c].strip();
            if (s.endsWith(".0")) {
                s = s.substring(0, s.length() - 2);
            }
            r[i] = Long.parseLong(s);
        }
        return r;
    }

    public static double parseDouble(String field) {
        String s = field.strip();
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "", "nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
