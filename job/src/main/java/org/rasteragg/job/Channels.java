package org.rasteragg.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The image's channel names and the user's choice among them (--channels), for every front end. */
public final class Channels {

    private Channels() {
    }

    /**
     * The names of an image's {@code count} channels: the metadata's when it names each channel once,
     * else "0".."count-1".
     *
     * @param metadata names from the metadata (OME-NGFF omero labels), or null
     */
    public static List<String> names(List<String> metadata, int count) {
        if (metadata != null && metadata.size() == count && new LinkedHashSet<>(metadata).size() == count) {
            return List.copyOf(metadata);
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /**
     * The positions of the chosen channels, in the order given, each once: a name, or else an index.
     *
     * @param all the image's channel names
     * @param chosen --channels, or null/empty for every channel
     * @param image the image, for the message
     * @throws JobException (usage) naming the channel, the image and the channels there are
     */
    public static int[] select(List<String> all, List<String> chosen, String image) {
        if (chosen == null || chosen.isEmpty()) {
            return java.util.stream.IntStream.range(0, all.size()).toArray();
        }
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        for (String c : chosen) {
            String name = c.strip();
            int i = all.indexOf(name);
            if (i < 0 && name.matches("\\d{1,9}")) {
                i = Integer.parseInt(name);
                i = i < all.size() ? i : -1;
            }
            if (i < 0) {
                throw JobException.usage("--channels " + name + ": image " + image + " has no such channel; channels: "
                        + all + " (or an index 0.." + (all.size() - 1) + ")");
            }
            out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The names of the chosen positions. */
    public static List<String> pick(List<String> all, int[] positions) {
        List<String> out = new ArrayList<>(positions.length);
        for (int p : positions) {
            out.add(all.get(p));
        }
        return out;
    }
}
