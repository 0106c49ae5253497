package org.rasteragg.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An index (the rows of a result, in order) as users give it to the CLI and the Spark job: an
 * existing text file of labels (separated by newlines, commas or spaces; a UTF-8 byte-order mark,
 * blank lines and lines starting with # are skipped, and so is a first line that is one header
 * word such as {@code cell_ID}), or else a comma-separated list. Every other token must be an
 * integer: {@code 1.0} is an error naming the line, never a label silently lost. Labels are parsed
 * into a growing {@code long[]} line by line, so a 10^7-line file fits the default heap.
 * Thread-safe (stateless).
 */
public final class LabelIndex {

    /** A first line that names the column instead of holding labels. */
    private static final Pattern HEADER = Pattern.compile("\\p{L}[\\p{L}\\p{N}_ .-]*");
    private static final char BOM = '\uFEFF';

    private LabelIndex() {
    }

    /**
     * @param value a path to a text file of labels, or a list like "5,3,8"
     * @return the labels in the order given
     * @throws JobException (usage) for a value that is neither, or a token that is not an integer
     *     (naming the file and line); (data) for a file that cannot be read
     */
    public static long[] parse(String value) {
        Path p = Path.of(value);
        if (Files.isRegularFile(p)) {
            return parseFile(p, value);
        }
        if (!value.matches("[-+0-9,\\s]+")) {
            throw JobException.usage("--index " + value + ": no such file, and not a list of labels like 1,2,3");
        }
        Labels out = new Labels();
        out.addTokens(value, "--index " + value);
        return out.toArray();
    }

    private static long[] parseFile(Path p, String value) {
        Labels out = new Labels();
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (n == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
                    line = line.substring(1);
                }
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#") || (n == 1 && HEADER.matcher(s).matches())) {
                    continue;
                }
                out.addTokens(s, "--index " + value + " line " + n);
            }
        } catch (CharacterCodingException e) {
            throw JobException.usage("--index " + value + ": not a UTF-8 text file of labels");
        } catch (IOException e) {
            throw JobException.data("--index " + value + ": cannot read the file: " + JobException.oneLine(e), e);
        }
        return out.toArray();
    }

    /** Labels parsed straight into a growing primitive array (no boxing, no token list). */
    private static final class Labels {
        private long[] values = new long[64];
        private int size;

        void addTokens(String s, String where) {
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (c == ',' || Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int end = i;
                while (end < n && s.charAt(end) != ',' && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                add(parseLabel(s, i, end, where));
                i = end;
            }
        }

        private static long parseLabel(String s, int from, int to, String where) {
            try {
                return Long.parseLong(s, from, to, 10);
            } catch (NumberFormatException e) {
                String token = s.substring(from, to);
                String why = token.matches("[-+]?\\d+") ? "is out of the 64-bit label range" : "is not an integer label";
                throw JobException.usage(where + ": '" + token + "' " + why);
            }
        }

        private void add(long v) {
            if (size == values.length) {
                if (size == Integer.MAX_VALUE - 8) {
                    throw JobException.usage("--index: more than " + size + " labels");
                }
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, size * 2L));
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
