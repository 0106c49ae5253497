package org.rasteragg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The performance issue's targets, checked against one run's measurements. Thread-safe (stateless). */
final class TargetChecks {

    private TargetChecks() {
    }

    static List<String> evaluate(List<Measurement> rows, int detailSize, List<Integer> sizes, int threads,
            long bytesPerLabel) {
        List<String> out = new ArrayList<>();
        String detail = BenchDatasets.name2d(detailSize);
        find(rows, detail, "zarr-blosc-lz4", "all", threads).ifPresent(all -> {
            out.add(verdict(all.ratioToScan() <= 2.0, "all statistics / scan at %s: %.2f (target <= 2.0)", detail,
                    all.ratioToScan()));
            out.add(verdict(all.seconds() <= 1.0, "all statistics at %s: %.3f s (target <= 1.0 s)", detail,
                    all.seconds()));
            if (!Double.isNaN(all.speedupOverOneThread())) {
                out.add(verdict(all.speedupOverOneThread() >= 1.8,
                        "speed-up %d threads vs 1: %.2fx (target >= 1.8x)", threads, all.speedupOverOneThread()));
            }
        });
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(detailSize);
        if (largest > detailSize) {
            Optional<Measurement> big = find(rows, BenchDatasets.name2d(largest), "zarr-blosc-lz4", "all", threads);
            Optional<Measurement> base = find(rows, detail, "zarr-blosc-lz4", "all", threads);
            if (big.isPresent() && base.isPresent()) {
                double factor = (double) largest * largest / ((double) detailSize * detailSize);
                double ratio = big.get().seconds() / (factor * base.get().seconds());
                out.add(verdict(ratio <= 1.2, "time %s / (%.0f x time %s): %.2f (target <= 1.2)",
                        BenchDatasets.name2d(largest), factor, detail, ratio));
            }
            big.ifPresent(b -> {
                long budget = memoryBound(b.labels(), threads);
                Optional<Measurement> capped = find(rows, b.dataset(), b.storage(), CAPPED, threads);
                capped.ifPresent(c -> out.add(verdict(c.labels() > 0,
                        "peak heap at %s within %d MiB (%d labels x 4 channels x 64 B + %d threads x 4 blocks + 256 MiB):"
                                + " the run %s under -Xmx%dm%s; GC-reported live peak of the timed runs %.0f MiB (counts"
                                + " dead old-generation objects); our state is %d B per label",
                        b.dataset(), budget >> 20, b.labels(), threads,
                        c.labels() > 0 ? "completes" : "fails", budget >> 20,
                        c.labels() > 0 ? String.format(Locale.ROOT, " in %.1f s", c.seconds()) : "",
                        b.peakLiveBytes() / 1048576.0, bytesPerLabel)));
            });
        }
        Optional<Measurement> few = find(rows, "labels-few", "in-memory", "all", threads);
        Optional<Measurement> many = find(rows, "labels-many", "in-memory", "all", threads);
        if (few.isPresent() && many.isPresent()) {
            double ratio = many.get().seconds() / few.get().seconds();
            out.add(verdict(ratio <= 1.5, "time with %d labels / %d labels: %.2f (target <= 1.5)",
                    many.get().labels(), few.get().labels(), ratio));
        }
        return out;
    }

    /** Method name of the run under a heap capped at {@link #memoryBound} (see {@link MemoryProbe}). */
    static final String CAPPED = "all-capped";

    /**
     * The bound: labels x channels x 64 B + threads x 4 x block bytes + 256 MB, with the labels
     * actually found and blocks of 1024 x 1024 (uint32 mask, 4 uint16 channels).
     */
    static long memoryBound(long labels, int threads) {
        return labels * BenchDatasets.CHANNELS * 64 + threads * 4L * (1024L * 1024 * (4 + 4 * 2)) + (256L << 20);
    }

    private static Optional<Measurement> find(List<Measurement> rows, String dataset, String storage, String method,
            int threads) {
        return rows.stream().filter(m -> m.dataset().equals(dataset) && m.storage().equals(storage)
                && m.method().equals(method) && m.threads() == threads).findFirst();
    }

    private static String verdict(boolean met, String format, Object... args) {
        return (met ? "MET     " : "NOT MET ") + String.format(Locale.ROOT, format, args);
    }
}
