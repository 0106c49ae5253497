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
            out.add(verdict(all.ratioToScan() <= 1.6, "all statistics / scan at %s: %.2f (target <= 1.6)", detail,
                    all.ratioToScan()));
            out.add(verdict(all.seconds() <= 1.0, "all statistics at %s: %.3f s (target <= 1.0 s)", detail,
                    all.seconds()));
            if (!Double.isNaN(all.speedupOverOneThread())) {
                out.add(verdict(all.speedupOverOneThread() >= 1.85,
                        "speed-up %d threads vs 1: %.2fx (target >= 1.85x)", threads, all.speedupOverOneThread()));
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
            out.add(verdict(ratio <= 2.5, "time with %d labels / %d labels: %.2f (target <= 2.5)",
                    many.get().labels(), few.get().labels(), ratio));
        }
        out.addAll(commandChecks(rows, detail, BenchDatasets.name2d(largest), threads));
        return out;
    }

    /** The whole command's and the writers' targets (issue 13). */
    private static List<String> commandChecks(List<Measurement> rows, String detail, String largest, int threads) {
        List<String> out = new ArrayList<>();
        find(rows, detail, "zarr-blosc-lz4", CommandRuns.COLD, threads).ifPresent(c -> out.add(verdict(
                c.seconds() <= 1.0, "stats command (child process, all statistics, CSV) at %s: %.2f s (target <= 1.0 s,"
                        + " aim 0.8 s)%s", detail, c.seconds(), split(rows, detail, threads))));
        Optional<Measurement> cold = find(rows, largest, "zarr-blosc-lz4", CommandRuns.COLD, threads);
        Optional<Measurement> warm = find(rows, largest, "zarr-blosc-lz4", "all", threads);
        if (cold.isPresent() && warm.isPresent() && !detail.equals(largest)) {
            double ratio = cold.get().seconds() / warm.get().seconds();
            out.add(verdict(ratio <= 1.3, "stats command / warm engine at %s: %.2f s / %.2f s = %.2f (target <= 1.3)%s",
                    largest, cold.get().seconds(), warm.get().seconds(), ratio, split(rows, largest, threads)));
        }
        find(rows, detail, "file", WriterThroughput.CSV, threads).ifPresent(w -> out.add(verdict(
                w.megabytesPerSecond() >= 250, "CSV writer: %.0f MB/s of output (target >= 250)",
                w.megabytesPerSecond())));
        Optional<Measurement> pages = find(rows, detail, "file", WriterThroughput.PARQUET_PAGES, threads);
        find(rows, detail, "file", WriterThroughput.PARQUET, threads).ifPresent(w -> out.add(verdict(
                w.megabytesPerSecond() >= 150, "Parquet writer: %.0f MB/s of output (target >= 150; the file is "
                        + "Zstandard-compressed, %.1f MB of %.1f MB of pages: %.0f MB/s of pages before compression)",
                w.megabytesPerSecond(), w.bytes() / 1e6, pages.map(p -> p.bytes() / 1e6).orElse(Double.NaN),
                pages.map(Measurement::megabytesPerSecond).orElse(Double.NaN))));
        find(rows, BenchDatasets.TEN_MILLION, "zarr-blosc-lz4", CommandRuns.TEN_MILLION, threads).ifPresent(t ->
                out.add(verdict(t.labels() > 0, "stats command on 10^7 labels (CSV, Parquet, table) under -Xmx%dm: %s",
                        t.peakHeapBytes() >> 20, t.labels() > 0 ? String.format(Locale.ROOT, "completes in %.1f s",
                                t.seconds()) : "fails")));
        return out;
    }

    /**
     * Where a cold command's time goes: a process that only prints --version, the job inside the
     * process (engine, result, writers) against the warm engine alone; empty when not measured.
     */
    private static String split(List<Measurement> rows, String dataset, int threads) {
        Optional<Measurement> job = find(rows, dataset, "zarr-blosc-lz4", CommandRuns.JOB, threads);
        Optional<Measurement> start = find(rows, dataset, "zarr-blosc-lz4", CommandRuns.START, threads);
        Optional<Measurement> warm = find(rows, dataset, "zarr-blosc-lz4", "all", threads);
        if (job.isEmpty() || start.isEmpty() || warm.isEmpty() || Double.isNaN(job.get().seconds())) {
            return "";
        }
        return String.format(Locale.ROOT, "; of it: a process printing --version %.2f s, the job inside the process "
                + "%.2f s (the warm engine alone %.2f s, without the writers)", start.get().seconds(),
                job.get().seconds(), warm.get().seconds());
    }

    /**
     * The result of 10^7 labels x 4 channels built in under 1 s: the wall time, with the process's CPU
     * time and GC pauses beside it (on a shared machine the wall time also counts other processes).
     */
    static String resultBuild(ResultBuild.Outcome o, int threads) {
        if (!o.completed()) {
            return verdict(false, "result of 10^7 labels x 4 channels: %s", o.detail());
        }
        return verdict(o.seconds() < 1.0, "result of 10^7 labels x 4 channels built in %.2f s on %d threads (target "
                + "< 1 s; %.2f s CPU of the process, %.2f s of GC pauses; floor: %d fresh columns of 10^7 doubles "
                + "allocated and written once take %.2f s, %.2fx)", o.seconds(), threads, o.cpuSeconds(),
                o.gcSeconds(), o.columns(), o.floorSeconds(), o.seconds() / o.floorSeconds());
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
