package org.rasteragg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.table.AggregationResult;

/**
 * Proves a memory bound by running under it: a child JVM whose maximum heap is the bound runs
 * every statistic on a dataset once. If the run completes, its peak heap never exceeded the bound
 * (the JVM collects fully before it gives up with OutOfMemoryError). This is exact where GC
 * notifications are not: after a young collection they still count dead old-generation objects.
 */
final class MemoryProbe {

    /** Exit code of the child when the heap bound was too small. */
    private static final int OUT_OF_MEMORY = 3;

    /** Outcome: the child's wall seconds for the aggregation, and the labels it found (0 if it failed). */
    record Outcome(boolean completed, double seconds, long labels, String detail) {
    }

    private MemoryProbe() {
    }

    /** Child entry point: {@code <dir> <size> <threads>}; prints "labels seconds". */
    public static void main(String[] args) {
        try {
            BenchDatasets.Dataset d = BenchDatasets.twoD(Path.of(args[0]), Integer.parseInt(args[1]));
            RasterAggregator aggregator = RasterAggregator.builder().mask(d.labels()).image(d.image())
                    .threads(Integer.parseInt(args[2])).build();
            long start = System.nanoTime();
            AggregationResult result = aggregator.aggregateAll(Statistic.all(), null);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%d %.3f%n", result.rowCount(), seconds);
            System.exit(0);
        } catch (OutOfMemoryError e) {
            StackTraceElement[] at = e.getStackTrace();
            System.out.println("out of memory" + (at.length > 0 ? " in " + at[0] + (at.length > 1 ? " < " + at[1] : "") : ""));
            System.exit(OUT_OF_MEMORY);
        }
    }

    /**
     * The command line of a child JVM that runs {@code main}'s class with this JVM's class path,
     * kernel and garbage collector and a heap of {@code heapBytes}; arguments follow.
     */
    static List<String> javaCommand(long heapBytes, Class<?> main) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + (heapBytes >> 20) + "m"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // The same kernel as this JVM's (the SIMD one when its module is resolved here).
            command.add("--add-modules=jdk.incubator.vector");
        }
        // The same garbage collector as this JVM's.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.matches("-XX:\\+Use\\w+GC")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return command;
    }

    /** Runs {@link #main} in a child JVM limited to {@code heapBytes}. */
    static Outcome run(Path dir, int size, int threads, long heapBytes) {
        List<String> command = javaCommand(heapBytes, MemoryProbe.class);
        String java = command.get(0);
        command.addAll(List.of(dir.toString(), Integer.toString(size), Integer.toString(threads)));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Outcome(false, Double.NaN, 0, "timed out after 10 minutes");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
            if (p.exitValue() == 0) {
                String[] parts = last.split(" ");
                return new Outcome(true, Double.parseDouble(parts[1]), Long.parseLong(parts[0]), "completed");
            }
            return new Outcome(false, Double.NaN, 0,
                    p.exitValue() == OUT_OF_MEMORY ? last : "failed (exit " + p.exitValue() + "): " + last);
        } catch (IOException e) {
            return new Outcome(false, Double.NaN, 0, "could not start " + java + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, Double.NaN, 0, "interrupted");
        }
    }
}
