package org.rasteragg.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.table.AggregationResult;

/**
 * How a GPU result differs from the CPU engine's, by the contract: count, sum, min, max
 * and center bit-identical; mean and var within 1e-12 relative; skew and kurtosis (dimensionless,
 * O(1)) within 1e-12 of max(1, |value|).
 *
 * <p>The CPU engine's pairwise merges lose a few digits on labels of 10^6 voxels and more, where
 * the GPU's exact power sums do not; so a moment beyond the tolerance is a {@link Suspect} that an
 * exact reference ({@link ExactReference}) decides, as the issue allows ("or exact").
 *
 * @param mismatches one line per statistic and channel that is not bit-identical
 * @param suspects moments beyond the tolerance (at most 20)
 * @param worstMoment the largest scaled difference of a moment seen
 */
record ResultDiff(List<String> mismatches, List<Suspect> suspects, double worstMoment) {

    static final double TOLERANCE = 1e-12;

    /** A moment of one row where the engines differ by more than the tolerance. */
    record Suspect(Statistic statistic, int channel, int row, long label, double gpu, double cpu) {

        /** The scaled difference of {@code value} from {@code exact}, as the contract measures it. */
        double error(double value, double exact) {
            return value == exact ? 0 : Math.abs(value - exact) / scale(statistic, exact);
        }
    }

    static double scale(Statistic s, double reference) {
        return s == Statistic.SKEW || s == Statistic.KURTOSIS ? Math.max(1, Math.abs(reference)) : Math.abs(reference);
    }

    boolean same() {
        return mismatches.isEmpty() && suspects.isEmpty();
    }

    static ResultDiff of(AggregationResult gpu, AggregationResult cpu) {
        List<String> bad = new ArrayList<>();
        List<Suspect> suspects = new ArrayList<>();
        double worst = 0;
        if (!Arrays.equals(gpu.labels(), cpu.labels())) {
            bad.add("labels differ: " + gpu.labels().length + " vs " + cpu.labels().length + " rows");
            return new ResultDiff(bad, suspects, Double.NaN);
        }
        if (!Arrays.equals(gpu.counts(), cpu.counts())) {
            bad.add("counts differ");
        }
        for (Statistic s : cpu.statistics()) {
            if (s == Statistic.COUNT) {
                continue;
            }
            if (s == Statistic.CENTER) {
                for (int a = 0; a < 3; a++) {
                    if (!Arrays.equals(gpu.center(a), cpu.center(a))) {
                        bad.add("center axis " + a + " not bit-identical");
                    }
                }
                continue;
            }
            for (int c = 0; c < cpu.channels(); c++) {
                double[] g = gpu.values(s, c);
                double[] e = cpu.values(s, c);
                if (s == Statistic.SUM || s == Statistic.MIN || s == Statistic.MAX) {
                    if (!Arrays.equals(g, e)) {
                        bad.add(s.key() + " channel " + c + " not bit-identical");
                    }
                    continue;
                }
                for (int r = 0; r < e.length; r++) {
                    double diff = g[r] == e[r] ? 0 : Math.abs(g[r] - e[r]) / scale(s, e[r]);
                    worst = Math.max(worst, diff);
                    if (!(diff <= TOLERANCE) && suspects.size() < 20) {
                        suspects.add(new Suspect(s, c, r, cpu.labels()[r], g[r], e[r]));
                    }
                }
            }
        }
        return new ResultDiff(bad, suspects, worst);
    }
}
