package org.rasteragg.core.state;

/**
 * numpy's default ("linear") quantile of sorted (value, count) pairs: for probability q of n
 * values sorted ascending, h = (n - 1) q and the result interpolates x_(floor h) and
 * x_(floor h + 1) exactly as numpy 1.22+'s {@code _lerp} does (from the nearer end), so results
 * match {@code numpy.quantile} of the float64 values bit for bit in practice. Stateless.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * Writes the quantiles of {@code q} (ascending) of the pairs {@code [from, to)} into
     * {@code out[at ..]}: NaN for no values.
     */
    public static void of(double[] values, int[] counts, int from, int to, double[] q, double[] out, int at) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += counts[i];
        }
        if (n == 0) {
            for (int j = 0; j < q.length; j++) {
                out[at + j] = Double.NaN;
            }
            return;
        }
        // One forward walk: `pair` holds rank `rank`'s value, ranks [below, below + counts[pair]).
        int pair = from;
        long below = 0;
        for (int j = 0; j < q.length; j++) {
            double h = (n - 1) * q[j];
            long lo;
            long hi;
            double gamma;
            if (h >= n - 1) {
                lo = n - 1;
                hi = n - 1;
                gamma = h - lo;
            } else {
                lo = (long) Math.floor(h);
                hi = lo + 1;
                gamma = h - lo;
            }
            while (below + counts[pair] <= lo) {
                below += counts[pair];
                pair++;
            }
            double a = values[pair];
            double b = hi < below + counts[pair] ? a : values[nextNonEmpty(counts, pair + 1)];
            out[at + j] = lerp(a, b, gamma);
        }
    }

    private static int nextNonEmpty(int[] counts, int i) {
        while (counts[i] == 0) {
            i++;
        }
        return i;
    }

    /** numpy's {@code _lerp}: a + (b - a) t, or b - (b - a)(1 - t) for t >= 0.5. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
