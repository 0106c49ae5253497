package org.rasteragg.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rasteragg.job.JobException;

/**
 * What {@code rasteragg demo DIR} may replace: only its own earlier output. The demo store carries
 * a marker file {@value #MARKER}, written before anything else into a directory the demo created,
 * so even an interrupted demo is recognised; a store without it (the user's data, a symbolic link)
 * is refused by name. An existing {@code stats.csv} is replaced only when it is a demo table (its
 * header starts with {@value #CSV_HEADER}). Stateless.
 */
final class DemoOutput {

    /** The marker file at the demo store's root. */
    static final String MARKER = ".rasteragg-demo";
    private static final String CSV_HEADER = "cell_ID,shapeSize,";

    private DemoOutput() {
    }

    /**
     * Makes {@code store} a fresh, marked, empty directory, removing an earlier demo store.
     *
     * @throws JobException (data) naming the path that is not the demo's, or the I/O error
     */
    static void claim(Path dir, Path store, Path csv) {
        try {
            Files.createDirectories(dir);
            if (Files.exists(csv, LinkOption.NOFOLLOW_LINKS) && !isDemoCsv(csv)) {
                throw refuse(csv, "is not a table an earlier demo wrote");
            }
            if (Files.exists(store, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(store, LinkOption.NOFOLLOW_LINKS)
                        || !Files.isRegularFile(store.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
                    throw refuse(store, "was not written by rasteragg demo (no " + MARKER + " marker)");
                }
                deleteTree(store);
            }
            Files.createDirectory(store);
            Files.writeString(store.resolve(MARKER), "written by rasteragg demo; the next demo here replaces this "
                    + "store\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw JobException.data("cannot write the demo into " + dir + ": " + JobException.oneLine(e), e);
        }
    }

    private static JobException refuse(Path p, String why) {
        return JobException.data("demo: " + p + " exists and " + why + "; it is left as it is: give another DIR or "
                + "remove it");
    }

    private static boolean isDemoCsv(Path csv) throws IOException {
        if (!Files.isRegularFile(csv, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith(CSV_HEADER);
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }
}
