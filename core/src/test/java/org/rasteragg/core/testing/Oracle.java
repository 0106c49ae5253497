package org.rasteragg.core.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.rasteragg.core.array.DType;

/**
 * A deliberately straightforward float64 two-pass reference for per-label statistics, written
 * independently of the engine (it reads the raw C-order arrays, never a chunk): for each label,
 * gather its voxels, sum them exactly (BigDecimal), take the mean, then the central moments
 * {@code M_k = sum((x - m)^k)} in a second pass. Population statistics (ddof 0) as SEMANTICS.md
 * fixes them; harpy's sentinels for labels absent from the mask; NaN skew/kurtosis become 0.
 * Stateless; the result is immutable by convention.
 */
public final class Oracle {

    private Oracle() {
    }

    /** The statistics of every index label (rows in index order), channels in columns. */
    public record Result(long[] labels, long[] count, double[][] sum, double[][] mean, double[][] var,
                         double[][] skew, double[][] kurtosis, double[][] min, double[][] max,
                         double[][] center, int channels) {

        /** A harpy-layout table of a per-channel statistic: columns 0..c-1, cell_ID. */
        public ExpectedTable channelTable(double[][] perLabel, String instanceKey) {
            List<String> names = new ArrayList<>();
            List<Object> cols = new ArrayList<>();
            for (int ch = 0; ch < channels; ch++) {
                double[] col = new double[labels.length];
                for (int r = 0; r < labels.length; r++) {
                    col[r] = perLabel[r][ch];
                }
                names.add(Integer.toString(ch));
                cols.add(col);
            }
            names.add(instanceKey);
            cols.add(labels.clone());
            return new ExpectedTable(names, cols);
        }

        /** By harpy file / method name: sum, mean, var, skew, kurtosis, min, max, area, stats_count, center_of_mass. */
        public ExpectedTable table(String name) {
            return switch (name) {
                case "sum" -> channelTable(sum, "cell_ID");
                case "mean" -> channelTable(mean, "cell_ID");
                case "var" -> channelTable(var, "cell_ID");
                case "skew" -> channelTable(skew, "cell_ID");
                case "kurtosis" -> channelTable(kurtosis, "cell_ID");
                case "min" -> channelTable(min, "cell_ID");
                case "max" -> channelTable(max, "cell_ID");
                case "area" -> new ExpectedTable(List.of("cell_ID", "shapeSize"),
                        List.of(labels.clone(), count.clone()));
                case "stats_count", "count" -> new ExpectedTable(List.of("0", "cell_ID"),
                        List.of(Arrays.stream(count).asDoubleStream().toArray(), labels.clone()));
                case "center_of_mass" -> {
                    double[][] cols = new double[3][labels.length];
                    for (int r = 0; r < labels.length; r++) {
                        for (int a = 0; a < 3; a++) {
                            cols[a][r] = center[r][a];
                        }
                    }
                    yield new ExpectedTable(List.of("0", "1", "2", "cell_ID"),
                            List.of(cols[0], cols[1], cols[2], labels.clone()));
                }
                default -> throw new IllegalArgumentException("unknown statistic " + name);
            };
        }
    }

    /** Sorted distinct labels of a mask (signed order), as index = None gives them. */
    public static long[] distinctLabels(long[] labels) {
        TreeSet<Long> s = new TreeSet<>();
        for (long l : labels) {
            s.add(l);
        }
        return s.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * @param labels the mask, C order over (z, y, x), one label per voxel
     * @param shape (z, y, x)
     * @param image the image's storage array, C order over (c, z, y, x); null for none
     * @param imageType its dtype (ignored when image is null)
     * @param channels c (0 when image is null)
     * @param index the labels to report, in order; null = all distinct labels, sorted
     */
    public static Result compute(long[] labels, long[] shape, Object image, DType imageType, int channels,
                                 long[] index) {
        int voxels = labels.length;
        if (shape[0] * shape[1] * shape[2] != voxels) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " vs " + voxels + " labels");
        }
        long[] idx = index == null ? distinctLabels(labels) : index.clone();
        Map<Long, List<Integer>> voxelsOf = new HashMap<>();
        for (int v = 0; v < voxels; v++) {
            voxelsOf.computeIfAbsent(labels[v], k -> new ArrayList<>()).add(v);
        }
        int n = idx.length;
        long[] count = new long[n];
        double[][] sum = new double[n][channels];
        double[][] mean = new double[n][channels];
        double[][] var = new double[n][channels];
        double[][] skew = new double[n][channels];
        double[][] kurt = new double[n][channels];
        double[][] min = new double[n][channels];
        double[][] max = new double[n][channels];
        double[][] center = new double[n][3];
        for (int r = 0; r < n; r++) {
            List<Integer> vs = voxelsOf.getOrDefault(idx[r], List.of());
            int cnt = vs.size();
            count[r] = cnt;
            if (cnt == 0) {
                Arrays.fill(center[r], Double.NaN);
                for (int ch = 0; ch < channels; ch++) {
                    sum[r][ch] = 0;
                    mean[r][ch] = Double.NaN;
                    var[r][ch] = Double.NaN;
                    skew[r][ch] = 0;
                    kurt[r][ch] = 0;
                    min[r][ch] = typeMax(imageType);
                    max[r][ch] = typeMin(imageType);
                }
                continue;
            }
            long cz = 0;
            long cy = 0;
            long cx = 0;
            for (int v : vs) {
                cz += v / (shape[1] * shape[2]);
                cy += (v / shape[2]) % shape[1];
                cx += v % shape[2];
            }
            center[r][0] = (double) cz / cnt;
            center[r][1] = (double) cy / cnt;
            center[r][2] = (double) cx / cnt;
            for (int ch = 0; ch < channels; ch++) {
                double[] x = new double[cnt];
                BigDecimal exact = BigDecimal.ZERO;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < cnt; i++) {
                    x[i] = Values.doubleAt(imageType, image, ch * voxels + vs.get(i));
                    exact = exact.add(new BigDecimal(x[i]));
                    lo = Math.min(lo, x[i]);
                    hi = Math.max(hi, x[i]);
                }
                double s = exact.doubleValue();
                double m = exact.divide(BigDecimal.valueOf(cnt), java.math.MathContext.DECIMAL128).doubleValue();
                sum[r][ch] = s;
                mean[r][ch] = s / cnt;
                min[r][ch] = lo;
                max[r][ch] = hi;
                if (lo == hi) {
                    var[r][ch] = 0;
                    skew[r][ch] = 0;
                    kurt[r][ch] = 0;
                    continue;
                }
                double m1 = 0;
                double m2 = 0;
                double m3 = 0;
                double m4 = 0;
                for (double xi : x) {
                    double d = xi - m;
                    double d2 = d * d;
                    m1 += d;
                    m2 += d2;
                    m3 += d2 * d;
                    m4 += d2 * d2;
                }
                m2 -= m1 * m1 / cnt; // corrected two-pass (removes the mean's rounding)
                double v2 = m2 / cnt;
                var[r][ch] = v2;
                if (v2 == 0) {
                    skew[r][ch] = 0;
                    kurt[r][ch] = 0;
                } else {
                    skew[r][ch] = (m3 / cnt) / Math.pow(v2, 1.5);
                    kurt[r][ch] = (m4 / cnt) / (v2 * v2) - 3.0;
                }
            }
        }
        return new Result(idx, count, sum, mean, var, skew, kurt, min, max, center, channels);
    }

    /** numpy's iinfo/finfo max of the image dtype, written out here (not taken from DType). */
    public static double typeMax(DType t) {
        if (t == null) {
            return Double.NaN;
        }
        return switch (t) {
            case INT8 -> 127;
            case UINT8 -> 255;
            case INT16 -> 32767;
            case UINT16 -> 65535;
            case INT32 -> 2147483647;
            case UINT32 -> 4294967295.0;
            case INT64 -> 9.223372036854775807E18;
            case UINT64 -> 1.8446744073709551615E19;
            case FLOAT32 -> 3.4028234663852886e+38;
            case FLOAT64 -> 1.7976931348623157e+308;
        };
    }

    /** numpy's iinfo/finfo min of the image dtype. */
    public static double typeMin(DType t) {
        if (t == null) {
            return Double.NaN;
        }
        return switch (t) {
            case INT8 -> -128;
            case INT16 -> -32768;
            case INT32 -> -2147483648.0;
            case INT64 -> -9.223372036854775808E18;
            case UINT8, UINT16, UINT32, UINT64 -> 0;
            case FLOAT32 -> -3.4028234663852886e+38;
            case FLOAT64 -> -1.7976931348623157e+308;
        };
    }
}
