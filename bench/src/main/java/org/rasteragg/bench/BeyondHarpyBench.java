package org.rasteragg.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.table.AggregationResult;

/**
 * The statistics beyond harpy against harpy's (issue 17's speed targets), timed in turn on one
 * dataset so that each ratio compares runs on the same state of the machine:
 * <ul>
 * <li>{@code harpy}: harpy's statistics (sum, mean, count, var, kurtosis, skew);
 * <li>{@code harpy+more}: those plus std, bbox, wcenter and axes (target: within 1.3x of harpy);
 * <li>{@code default}: the command's default set (harpy's plus min, max and center);
 * <li>{@code every}: {@code --stats all}, the default plus median and the nine quantiles (target:
 *     within 3x of default);
 * <li>{@code quantiles}: median and quantiles alone.
 * </ul>
 */
final class BeyondHarpyBench {

    /** A measured run: its rows and the verdicts on the targets. */
    record Outcome(List<Measurement> rows, List<String> checks) {
    }

    private static final List<String> METHODS = List.of("harpy", "harpy+more", "default", "every", "quantiles");

    private BeyondHarpyBench() {
    }

    static List<Set<Statistic>> sets() {
        Set<Statistic> harpy = EnumSet.copyOf(Statistic.HARPY_STATS);
        Set<Statistic> more = EnumSet.copyOf(harpy);
        more.addAll(EnumSet.of(Statistic.STD, Statistic.BBOX, Statistic.WCENTER, Statistic.AXES));
        return List.of(harpy, more, Statistic.all(), Statistic.every(),
                EnumSet.of(Statistic.COUNT, Statistic.MEDIAN, Statistic.QUANTILES));
    }

    static Outcome measure(int warmups, int repeats, String name, String storage, ChunkedArray labels,
            ChunkedArray image, int threads) {
        RasterAggregator aggregator = RasterAggregator.builder().mask(labels).image(image).threads(threads).build();
        List<Set<Statistic>> sets = sets();
        long[] found = new long[sets.size()];
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            Set<Statistic> stats = sets.get(i);
            int at = i;
            tasks.add(() -> {
                AggregationResult r = aggregator.aggregateAll(stats, null);
                found[at] = r.rowCount();
            });
        }
        List<Timer.Result> times = Timer.timeAlternating(warmups, repeats, tasks);
        long voxels = labels.grid().elementCount();
        long bytes = voxels * labels.dtype().byteSize() + image.grid().elementCount() * image.dtype().byteSize();
        List<Measurement> rows = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            Timer.Result t = times.get(i);
            if (found[i] == 0) {
                throw new IllegalStateException("no labels found in " + name);
            }
            rows.add(new Measurement(name, METHODS.get(i), storage, threads, t.medianSeconds(), voxels, found[i],
                    bytes, t.peakHeapBytes(), t.peakLiveBytes(), Double.NaN, Double.NaN));
        }
        double more = times.get(1).pairedRatio(times.get(0));
        double every = times.get(3).pairedRatio(times.get(2));
        List<String> checks = List.of(
                verdict(more <= 1.3, "harpy + std,bbox,wcenter,axes / harpy's statistics at %s: %.2f (target <= 1.3)",
                        name, more),
                verdict(every <= 3.0, "every statistic (with median, 9 quantiles) / the default set at %s: %.2f "
                        + "(target <= 3.0); median and quantiles alone / default: %.2f", name, every,
                        times.get(4).pairedRatio(times.get(2))));
        return new Outcome(rows, checks);
    }

    private static String verdict(boolean met, String format, Object... args) {
        return (met ? "MET     " : "NOT MET ") + String.format(Locale.ROOT, format, args);
    }
}
