package org.rasteragg.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many fields of view in one run: pairs labels and image elements of a SpatialData store by what
 * the wildcards of --labels-name and --image-name matched ('label_whole_fov*' with 'raw_image_fov*'
 * pairs label_whole_fov3 with raw_image_fov3), or reads them from a pairs file. Stateless.
 */
public final class Pairing {

    private Pairing() {
    }

    /** Whether a name holds a wildcard ({@code *} any characters, {@code ?} one). */
    public static boolean isPattern(String name) {
        return name != null && (name.indexOf('*') >= 0 || name.indexOf('?') >= 0);
    }

    /**
     * The pairs of the store's elements, ordered by the labels' names (naturally: fov2 before fov10).
     *
     * @param labelsPattern --labels-name, a name or a pattern
     * @param imagePattern --image-name, a name, a pattern or null (no image)
     * @throws JobException (usage) when only one of them is a pattern; (data) when a pattern matches
     *     nothing or the two sets do not pair up, listing the unmatched names
     */
    public static List<FovPair> match(String labelsPattern, String imagePattern, List<String> labelsNames,
            List<String> imageNames) {
        if (!isPattern(labelsPattern) && !isPattern(imagePattern)) {
            return List.of(FovPair.ofNames(labelsPattern, imagePattern));
        }
        if (imagePattern != null && isPattern(labelsPattern) != isPattern(imagePattern)) {
            throw JobException.usage("--labels-name " + labelsPattern + " and --image-name " + imagePattern
                    + ": give a wildcard in both (label_fov* with image_fov*) or in neither");
        }
        Map<String, String> labels = matches(labelsPattern, labelsNames, "labels", "--labels-name");
        if (imagePattern == null) {
            return labels.values().stream().map(l -> FovPair.ofNames(l, null)).toList();
        }
        Map<String, String> images = matches(imagePattern, imageNames, "images", "--image-name");
        List<String> unmatched = new ArrayList<>();
        labels.forEach((key, name) -> {
            if (!images.containsKey(key)) {
                unmatched.add("labels/" + name);
            }
        });
        images.forEach((key, name) -> {
            if (!labels.containsKey(key)) {
                unmatched.add("images/" + name);
            }
        });
        if (!unmatched.isEmpty()) {
            throw JobException.data("--labels-name " + labelsPattern + " and --image-name " + imagePattern
                    + " do not pair up: no partner for " + String.join(", ", unmatched));
        }
        List<FovPair> pairs = new ArrayList<>();
        labels.forEach((key, name) -> pairs.add(FovPair.ofNames(name, images.get(key))));
        return pairs;
    }

    /** The names matching a pattern, by what the wildcards matched, in natural order of that key. */
    private static Map<String, String> matches(String pattern, List<String> names, String kind, String option) {
        Pattern p = regex(pattern);
        Map<String, String> byKey = new TreeMap<>(Pairing::natural);
        for (String n : names) {
            Matcher m = p.matcher(n);
            if (m.matches()) {
                StringBuilder key = new StringBuilder();
                for (int g = 1; g <= m.groupCount(); g++) {
                    key.append(g > 1 ? "\u0000" : "").append(m.group(g));
                }
                byKey.put(key.toString(), n);
            }
        }
        if (byKey.isEmpty()) {
            throw JobException.data(option + " " + pattern + ": no " + kind + " element matches; " + kind + ": "
                    + names);
        }
        return new LinkedHashMap<>(byKey);
    }

    private static Pattern regex(String pattern) {
        StringBuilder r = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                r.append(Pattern.quote(literal.toString())).append(c == '*' ? "(.*)" : "(.)");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(r.append(Pattern.quote(literal.toString())).toString());
    }

    /** Compares names with runs of digits as numbers, so fov2 sorts before fov10. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int i2 = i;
                int j2 = j;
                while (i2 < a.length() && Character.isDigit(a.charAt(i2))) {
                    i2++;
                }
                while (j2 < b.length() && Character.isDigit(b.charAt(j2))) {
                    j2++;
                }
                String na = a.substring(i, i2).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(j, j2).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                i = i2;
                j = j2;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /**
     * A pairs file: one "labels_name image_name" per line (the image may be left out for count and
     * center only); blank lines and lines starting with # are skipped.
     *
     * @throws JobException (usage) naming the file and line of a malformed line; (data) when unreadable
     */
    public static List<FovPair> readPairsFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw JobException.data("--pairs " + file + ": cannot read the file: " + JobException.oneLine(e), e);
        }
        List<FovPair> pairs = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("[\\s,]+");
            if (parts.length > 2) {
                throw JobException.usage("--pairs " + file + " line " + (i + 1) + ": '" + line
                        + "' is not 'labels_name image_name'");
            }
            if (!seen.add(parts[0])) {
                throw JobException.usage("--pairs " + file + " line " + (i + 1) + ": labels " + parts[0]
                        + " is listed twice");
            }
            pairs.add(FovPair.ofNames(parts[0], parts.length == 2 ? parts[1] : null));
        }
        if (pairs.isEmpty()) {
            throw JobException.usage("--pairs " + file + ": no pairs in the file");
        }
        boolean images = pairs.get(0).hasImage();
        for (FovPair p : pairs) {
            if (p.hasImage() != images) {
                throw JobException.usage("--pairs " + file + ": give an image on every line or on none");
            }
        }
        return pairs;
    }
}
