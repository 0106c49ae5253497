package org.rasteragg.cli.out;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.rasteragg.job.FovPair;
import org.rasteragg.job.LocalRun;

/**
 * A progress bar on a terminal: blocks done/total, throughput, ETA, redrawn in place at most ten
 * times a second; with several fields of view, prefixed by the pair being aggregated ("pair 3/12").
 * Also remembers the decoded byte count of every pair for the summary. Called from one thread
 * at a time (the engine's contract).
 */
public final class ProgressBar implements LocalRun.Progress {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean draw;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private long bytes;
    /** Bytes of the pairs done before the current one. */
    private long bytesBefore;
    private String prefix = "";
    private boolean drawn;

    /**
     * @param err where to draw
     * @param draw whether to draw at all (false: only count bytes)
     */
    public ProgressBar(PrintStream err, boolean draw) {
        this(err, draw, System::nanoTime);
    }

    ProgressBar(PrintStream err, boolean draw, LongSupplier clock) {
        this.err = err;
        this.draw = draw;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start - REDRAW_NANOS;
    }

    @Override
    public void pairStarted(int index, int total, FovPair pair) {
        bytesBefore = bytes;
        prefix = total > 1 ? "pair " + (index + 1) + "/" + total + " " + pair.fov() + " " : "";
    }

    @Override
    public void blockDone(long blocksDone, long blocksTotal, long bytesDecoded) {
        this.bytes = bytesBefore + bytesDecoded;
        if (!draw) {
            return;
        }
        long now = clock.getAsLong();
        if (now - lastDraw < REDRAW_NANOS && blocksDone < blocksTotal) {
            return;
        }
        lastDraw = now;
        err.print('\r' + prefix + line(blocksDone, blocksTotal, bytes, (now - start) / 1e9));
        err.flush();
        drawn = true;
    }

    /** One bar line: {@code [#####.....]  12/40 chunks  45.3 MB/s  ETA 3s}. */
    static String line(long done, long total, long bytes, double seconds) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        double mbps = seconds > 0 ? bytes / 1e6 / seconds : 0;
        String eta = done == 0 || done >= total ? "" : "  ETA " + formatSeconds(seconds * (total - done) / done);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " chunks  "
                + String.format(Locale.ROOT, "%.1f MB/s", mbps) + eta + "   ";
    }

    static String formatSeconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0fs", Math.ceil(s));
        }
        long t = (long) Math.ceil(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }

    /** Ends the bar line, if one was drawn. */
    public void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    /** Bytes of decoded chunk data reported so far. */
    public long bytesDecoded() {
        return bytes;
    }
}
