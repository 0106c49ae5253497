package org.rasteragg.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a finished job reports, the same from every front end: one line on stderr
 * ({@code rasteragg: 7 labels, 320 voxels, 0.01 s, 1.2 MB/s -> out.csv}) and the warnings, or with
 * --json one JSON object on stdout.
 *
 * @param labels rows written
 * @param pairs fields of view aggregated
 * @param columns the written column names
 * @param voxels voxels of every mask
 * @param seconds wall time
 * @param bytes decoded chunk bytes (0 where unknown)
 * @param warnings the engine's warnings
 * @param engine where it ran ("local", or the Spark master)
 */
public record Summary(int labels, int pairs, List<String> columns, long voxels, double seconds, long bytes,
        List<String> warnings, String engine) {

    /** Prints the summary for {@code job}: JSON on {@code out} with --json, else a line on {@code err} unless quiet. */
    public void print(StatsJob job, boolean json, boolean quiet, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(json(job));
            out.flush();
            return;
        }
        if (quiet) {
            return;
        }
        for (String w : warnings) {
            err.println("rasteragg: warning: " + w);
        }
        List<String> d = destinations(job);
        err.println(String.format(Locale.ROOT, "rasteragg: %d labels%s, %d voxels, %.2f s, %.1f MB/s%s%s", labels,
                pairs > 1 ? " of " + pairs + " fields of view" : "", voxels, seconds, mbPerSecond(),
                engine.equals("local") ? "" : " on " + engine, d.isEmpty() ? "" : " -> " + String.join(", ", d)));
        err.flush();
    }

    private double mbPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0;
    }

    /** The JSON summary. */
    public String json(StatsJob job) {
        ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.put("labels", labels);
        root.put("pairs", pairs);
        root.put("voxels", voxels);
        root.put("seconds", seconds);
        root.put("bytes", bytes);
        root.put("mb_per_s", mbPerSecond());
        root.put("engine", engine);
        ArrayNode cols = root.putArray("columns");
        columns.forEach(cols::add);
        ObjectNode outputs = root.putObject("outputs");
        StatsJob.Outputs o = job.outputs();
        if (o.csvFile() != null) {
            outputs.put("csv", o.csvFile());
        }
        if (o.parquet() != null) {
            outputs.put("parquet", o.parquet().toString());
        }
        if (o.table() != null) {
            outputs.put("table", tablePath(job).toString());
        }
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        return org.rasteragg.zarr.Json.compact(root);
    }

    private static String tablePath(StatsJob job) {
        return FovPair.within(job.inputs().sdata(), "tables", job.outputs().table());
    }

    private static List<String> destinations(StatsJob job) {
        List<String> d = new ArrayList<>();
        StatsJob.Outputs o = job.outputs();
        if (o.csvFile() != null) {
            d.add(o.csvFile());
        }
        if (o.parquet() != null) {
            d.add(o.parquet().toString());
        }
        if (o.table() != null) {
            d.add(tablePath(job).toString());
        }
        return d;
    }
}
