package org.rasteragg.cli.out;

/** Test access to the progress bar's line format. */
public final class ProgressBarAccess {
    private ProgressBarAccess() {
    }

    public static String line(long done, long total, long bytes, double seconds) {
        return ProgressBar.line(done, total, bytes, seconds);
    }
}
