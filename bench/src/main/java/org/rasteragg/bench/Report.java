package org.rasteragg.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints measurements as a text table or as JSON. Thread-safe (stateless). */
final class Report {

    private Report() {
    }

    static void table(List<Measurement> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-22s %-16s %-10s %3s %8s %9s %12s %9s %10s %10s %8s%n", "dataset", "storage", "method",
                "thr", "labels", "seconds", "voxels/s", "MB/s", "peak heap", "live heap", "x scan");
        for (Measurement m : rows) {
            out.printf(Locale.ROOT, "%-22s %-16s %-10s %3d %8d %9.3f %12.3e %9.1f %8.0fMB %8.0fMB %8s%n", m.dataset(),
                    m.storage(), m.method(), m.threads(), m.labels(), m.seconds(), m.voxelsPerSecond(), m.megabytesPerSecond(),
                    m.peakHeapBytes() / 1e6, m.peakLiveBytes() / 1e6, Double.isNaN(m.ratioToScan()) ? "" : String.format(Locale.ROOT, "%.2f",
                            m.ratioToScan()));
        }
        out.println();
        out.println("seconds: median of the repeats. x scan: median of (time / time of the scan run just before it);"
                + " scan, all statistics and all on 1 thread are timed in turn, each statistic alone after them.");
        out.println("all-capped: one run in a child JVM whose -Xmx is the memory target (peak heap column: that bound).");
    }

    static void json(List<Measurement> rows, List<String> checks, PrintStream out) {
        StringBuilder b = new StringBuilder("{\"measurements\": [");
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            b.append(i == 0 ? "\n  " : ",\n  ").append(String.format(Locale.ROOT,
                    "{\"dataset\": \"%s\", \"storage\": \"%s\", \"method\": \"%s\", \"threads\": %d, "
                            + "\"seconds\": %s, \"voxels\": %d, \"labels\": %d, \"bytes\": %d, \"voxels_per_second\": %s, "
                            + "\"mb_per_second\": %s, \"peak_heap_bytes\": %d, \"peak_live_heap_bytes\": %d, "
                            + "\"ratio_to_scan\": %s, \"speedup_over_one_thread\": %s}",
                    m.dataset(), m.storage(), m.method(), m.threads(), number(m.seconds(), 6), m.voxels(), m.labels(),
                    m.bytes(), number(m.voxelsPerSecond(), 1), number(m.megabytesPerSecond(), 2), m.peakHeapBytes(),
                    m.peakLiveBytes(), number(m.ratioToScan(), 4), number(m.speedupOverOneThread(), 4)));
        }
        b.append("\n], \"targets\": [");
        for (int i = 0; i < checks.size(); i++) {
            b.append(i == 0 ? "\n  " : ",\n  ").append('"').append(checks.get(i).replace("\"", "'")).append('"');
        }
        out.println(b.append("\n]}"));
    }

    /** A JSON number, or null for NaN (a run that did not complete, a ratio not measured). */
    private static String number(double x, int decimals) {
        return Double.isNaN(x) || Double.isInfinite(x) ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
}
