package org.rasteragg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code --index}: an existing file of labels (separated by newlines, commas or spaces; lines
 * starting with # and a non-numeric header line are skipped), or else a comma-separated list.
 */
final class IndexParser {

    private IndexParser() {
    }

    static long[] parse(String value) {
        Path p = Path.of(value);
        if (Files.isRegularFile(p)) {
            String text;
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw new CliException("cannot read index file " + value + ": " + e.getMessage(), e);
            }
            List<String> tokens = new ArrayList<>();
            String[] lines = text.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#") || (i == 0 && !line.matches("[-+0-9,\\s]+"))) {
                    continue;
                }
                for (String t : line.split("[,\\s]+")) {
                    if (!t.isEmpty()) {
                        tokens.add(t);
                    }
                }
            }
            return toLongs(tokens, "index file " + value);
        }
        if (!value.matches("[-+0-9,\\s]+")) {
            throw new CliException("--index " + value + ": no such file, and not a list of labels like 1,2,3");
        }
        List<String> tokens = new ArrayList<>();
        for (String t : value.split("[,\\s]+")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        return toLongs(tokens, "--index");
    }

    private static long[] toLongs(List<String> tokens, String where) {
        long[] out = new long[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Long.parseLong(tokens.get(i));
            } catch (NumberFormatException e) {
                throw new CliException(where + ": '" + tokens.get(i) + "' is not an integer label");
            }
        }
        return out;
    }
}
