package org.rasteragg.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An index (the rows of a result, in order) as users give it to the CLI and the Spark job: an
 * existing text file of labels (separated by newlines, commas or spaces; lines starting with # and
 * a non-numeric header line are skipped), or else a comma-separated list. Thread-safe (stateless).
 */
public final class LabelIndex {

    private LabelIndex() {
    }

    /**
     * @param value a path to a text file of labels, or a list like "5,3,8"
     * @return the labels in the order given
     * @throws JobException (usage) for a value that is neither, or a token that is not an integer
     */
    public static long[] parse(String value) {
        Path p = Path.of(value);
        List<String> tokens = new ArrayList<>();
        if (Files.isRegularFile(p)) {
            String text;
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw JobException.data("--index " + value + ": cannot read the file: " + e.getMessage(), e);
            }
            String[] lines = text.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#") || (i == 0 && !line.matches("[-+0-9,\\s]+"))) {
                    continue;
                }
                split(line, tokens);
            }
            return toLongs(tokens, "index file " + value);
        }
        if (!value.matches("[-+0-9,\\s]+")) {
            throw JobException.usage("--index " + value + ": no such file, and not a list of labels like 1,2,3");
        }
        split(value, tokens);
        return toLongs(tokens, "--index");
    }

    private static void split(String s, List<String> tokens) {
        for (String t : s.split("[,\\s]+")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
    }

    private static long[] toLongs(List<String> tokens, String where) {
        long[] out = new long[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Long.parseLong(tokens.get(i));
            } catch (NumberFormatException e) {
                throw JobException.usage(where + ": '" + tokens.get(i) + "' is not an integer label");
            }
        }
        return out;
    }
}
