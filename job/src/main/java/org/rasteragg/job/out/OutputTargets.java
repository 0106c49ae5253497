package org.rasteragg.job.out;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rasteragg.job.JobException;
import org.rasteragg.job.StatsJob;
import org.rasteragg.zarr.store.Stores;

/**
 * Refuses outputs that would overwrite each other or the job's inputs, compared as real paths
 * (symbolic links resolved, "." and ".." gone): {@code --csv X --parquet X}, or {@code --csv}
 * at an input array's {@code .zarray}, inside an input store, or onto the --index or --pairs file.
 * Devices and FIFOs ({@code /dev/stdout}) are written through and may be named twice by no one
 * else's data, so they are not compared. Stateless.
 */
public final class OutputTargets {

    private OutputTargets() {
    }

    /**
     * @param indexFile the --index value when it names a file, or null
     * @throws JobException (usage) naming both options and the path
     */
    public static void check(StatsJob job, Path indexFile) {
        StatsJob.Inputs in = job.inputs();
        Map<String, Path> inputs = new LinkedHashMap<>();
        put(inputs, "--labels", in.labels());
        put(inputs, "--image", in.image());
        put(inputs, "--sdata", in.sdata());
        put(inputs, "--pairs", in.pairsFile());
        put(inputs, "--index", indexFile);
        Map<String, Path> outputs = new LinkedHashMap<>();
        put(outputs, "--csv", job.outputs().csvFile());
        put(outputs, "--parquet", job.outputs().parquet());
        String csv = job.outputs().csvFile();
        String parquet = job.outputs().parquet();
        if (csv != null && csv.equals(parquet) && Stores.isUri(csv)) {
            throw JobException.usage("--csv and --parquet name the same object " + csv + ": give two");
        }
        Path seenPath = null;
        String seenOption = null;
        for (Map.Entry<String, Path> o : outputs.entrySet()) {
            Path out = o.getValue();
            if (Files.exists(out) && !Files.isRegularFile(out)) {
                continue; // a device or FIFO: written through, replaces nothing
            }
            if (out.equals(seenPath)) {
                throw JobException.usage(seenOption + " and " + o.getKey() + " name the same file " + out
                        + ": give two files");
            }
            for (Map.Entry<String, Path> i : inputs.entrySet()) {
                if (out.startsWith(i.getValue())) {
                    throw JobException.usage(o.getKey() + " " + given(job, o.getKey()) + ": "
                            + (out.equals(i.getValue()) ? "is" : "lies inside") + " the input " + i.getKey() + " "
                            + i.getValue() + "; write the table elsewhere");
                }
            }
            seenPath = out;
            seenOption = o.getKey();
        }
    }

    private static String given(StatsJob job, String option) {
        return option.equals("--csv") ? job.outputs().csv() : job.outputs().parquet();
    }

    /** A local location's real path; remote ones (s3://, http://) cannot be inputs' files and are skipped. */
    private static void put(Map<String, Path> m, String option, String location) {
        if (location != null && !Stores.isUri(location)) {
            m.put(option, real(Path.of(location)));
        }
    }

    private static void put(Map<String, Path> m, String option, Path p) {
        if (p != null) {
            m.put(option, real(p));
        }
    }

    /**
     * The real path of a file that may not exist yet: its nearest existing ancestor resolved
     * (links followed), the rest appended.
     */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = abs.getFileSystem().getPath("");
        while (existing != null) {
            try {
                return existing.toRealPath().resolve(rest).normalize();
            } catch (IOException e) {
                rest = existing.getFileName().resolve(rest);
                existing = existing.getParent();
            }
        }
        return abs;
    }
}
