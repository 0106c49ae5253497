package org.rasteragg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole command as users meet it: {@code rasteragg stats} started as a child process through the
 * {@code ./rasteragg} launcher and timed from outside (JVM start, class loading, the JIT's warm-up,
 * reading, the result and the writers). Not thread-safe.
 */
final class CommandRuns {

    /** Method names of the rows. */
    static final String COLD = "cli-cold";
    static final String TEN_MILLION = "cli-10m";
    /** The job's seconds inside the cli-cold processes, and a process that only prints --version. */
    static final String JOB = "cli-job";
    static final String START = "cli-start";

    /**
     * What child runs gave: wall seconds, or why they failed; for {@link #cold}, beside the wall time
     * the job's own seconds inside the process (its --json summary: engine, result and writers, from
     * after the inputs' metadata is read to the outputs' commit) and the wall time of a process that
     * only starts and prints {@code --version} (the JVM, the launcher, picocli), medians as the wall
     * time; NaN otherwise.
     */
    record Outcome(boolean completed, double seconds, double jobSeconds, double startSeconds, String detail) {

        Outcome(boolean completed, double seconds, String detail) {
            this(completed, seconds, Double.NaN, Double.NaN, detail);
        }
    }

    private static final Pattern JOB_SECONDS = Pattern.compile("\"seconds\":([0-9.Ee+-]+)");

    private final Path launcher;
    private final Path scratch;

    /**
     * @param launcher the {@code rasteragg} launcher script
     * @param scratch where the outputs of the runs are written (and replaced)
     */
    CommandRuns(Path launcher, Path scratch) {
        this.launcher = launcher;
        this.scratch = scratch;
    }

    /** The launcher beside the bench's jar (bench/target/*.jar: the repository root's ./rasteragg), or null. */
    static Path defaultLauncher() {
        try {
            Path jar = Path.of(CommandRuns.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            Path script = root == null ? null : root.getParent() == null ? null : root.getParent().resolve("rasteragg");
            return script != null && Files.isExecutable(script) ? script : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /**
     * The median wall time of {@code repeats} runs of every default statistic of a SpatialData store's
     * cells and image into CSV (each run in a fresh JVM; the first, untimed, builds the jar if needed),
     * with the job's seconds inside each and a {@code --version} process run before each, in turn.
     */
    Outcome cold(Path store, int threads, int repeats) {
        List<String> args = List.of("stats", "--sdata", store.toString(), "--labels-name", "cells", "--image-name",
                "image", "--csv", scratch.resolve("cli-cold.csv").toString(), "--threads", Integer.toString(threads),
                "-q", "--json");
        Outcome first = run(args, Map.of());
        if (!first.completed()) {
            return first;
        }
        double[] seconds = new double[repeats];
        double[] job = new double[repeats];
        double[] start = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            Outcome version = run(List.of("--version"), Map.of());
            Outcome o = run(args, Map.of());
            if (!o.completed() || !version.completed()) {
                return o.completed() ? version : o;
            }
            seconds[i] = o.seconds();
            job[i] = o.jobSeconds();
            start[i] = version.seconds();
        }
        return new Outcome(true, Timer.upperMedian(seconds), Timer.upperMedian(job), Timer.upperMedian(start),
                "completed");
    }

    /** One run of every default statistic into CSV, Parquet and an AnnData table, with the heap capped. */
    Outcome capped(Path store, int threads, long heapBytes) {
        List<String> args = List.of("stats", "--sdata", store.toString(), "--labels-name", "cells", "--image-name",
                "image", "--csv", scratch.resolve("cli-10m.csv").toString(), "--parquet",
                scratch.resolve("cli-10m.parquet").toString(), "--table", "bench_stats", "--overwrite", "--threads",
                Integer.toString(threads), "-q");
        return run(args, Map.of("RASTERAGG_JAVA_OPTS", "-Xmx" + (heapBytes >> 20) + "m"));
    }

    private Outcome run(List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(args);
        try {
            Files.createDirectories(scratch);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Outcome(false, Double.NaN, "timed out after 10 minutes");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String text = new String(out, java.nio.charset.StandardCharsets.UTF_8).trim();
            if (p.exitValue() == 0) {
                Matcher job = JOB_SECONDS.matcher(text);
                return new Outcome(true, seconds, job.find() ? Double.parseDouble(job.group(1)) : Double.NaN,
                        Double.NaN, "completed");
            }
            String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
            return new Outcome(false, Double.NaN, "failed (exit " + p.exitValue() + "): " + last);
        } catch (IOException e) {
            return new Outcome(false, Double.NaN, "could not start " + launcher + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, Double.NaN, "interrupted");
        }
    }
}
