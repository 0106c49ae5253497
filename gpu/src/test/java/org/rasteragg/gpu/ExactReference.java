package org.rasteragg.gpu;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;

/**
 * Exact var, skew and kurtosis of a few labels, for deciding which engine is right when the GPU
 * and CPU results differ: power sums of every voxel of those labels in plain integer arithmetic
 * (long per row, BigInteger across rows: no code shared with the kernel or its emulation), then
 * the SEMANTICS.md formulas in 50-digit decimals. Needs mask and image chunked alike in space, the
 * image with all channels in one chunk (as the device check's data is).
 */
final class ExactReference {

    private static final MathContext MC = new MathContext(50);

    private ExactReference() {
    }

    /** label -> channel -> {n, P1, P2, P3, P4}. */
    static Map<Long, BigInteger[][]> powerSums(ChunkedArray mask, ChunkedArray image, Set<Long> labels) {
        ChunkGrid mg = mask.grid();
        ChunkGrid ig = image.grid();
        int channels = (int) ig.extent(0);
        int[] ms = mg.chunkShape();
        int[] is = ig.chunkShape();
        if (is[0] != channels || is[1] != ms[0] || is[2] != ms[1] || is[3] != ms[2]) {
            throw new IllegalArgumentException("ExactReference needs mask and image chunked alike");
        }
        Map<Long, BigInteger[][]> out = new HashMap<>();
        for (long l : labels) {
            BigInteger[][] s = new BigInteger[channels][5];
            for (BigInteger[] row : s) {
                java.util.Arrays.fill(row, BigInteger.ZERO);
            }
            out.put(l, s);
        }
        long[] gridShape = mg.gridShape();
        long[] shape = mg.shape();
        Object m = mask.dtype().allocate(mg.chunkElements());
        short[] v = (short[]) image.dtype().allocate(ig.chunkElements());
        int voxels = mg.chunkElements();
        long[] sums = new long[5];
        for (long z = 0; z < gridShape[0]; z++) {
            for (long y = 0; y < gridShape[1]; y++) {
                for (long x = 0; x < gridShape[2]; x++) {
                    mask.readChunk(new long[] {z, y, x}, m);
                    image.readChunk(new long[] {0, z, y, x}, v);
                    int ez = (int) Math.min(ms[0], shape[0] - z * ms[0]);
                    int ey = (int) Math.min(ms[1], shape[1] - y * ms[1]);
                    int ex = (int) Math.min(ms[2], shape[2] - x * ms[2]);
                    for (long label : labels) {
                        BigInteger[][] s = out.get(label);
                        for (int c = 0; c < channels; c++) {
                            for (int k = 0; k < ez; k++) {
                                for (int j = 0; j < ey; j++) {
                                    java.util.Arrays.fill(sums, 0);
                                    int row = (k * ms[1] + j) * ms[2];
                                    for (int i = 0; i < ex; i++) {
                                        if (labelAt(m, row + i) != label) {
                                            continue;
                                        }
                                        long w = v[c * voxels + row + i] & 0xFFFF;
                                        sums[0]++;
                                        sums[1] += w;
                                        sums[2] += w * w;
                                        sums[3] += w * w * w; // < 2^48 per voxel, a row of 2^15: fits
                                        s[c][4] = s[c][4].add(BigInteger.valueOf(w * w).multiply(BigInteger.valueOf(w * w)));
                                    }
                                    for (int p = 0; p < 4; p++) {
                                        s[c][p] = s[c][p].add(BigInteger.valueOf(sums[p]));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static long labelAt(Object mask, int i) {
        if (mask instanceof int[] a) {
            return a[i] & 0xFFFFFFFFL;
        }
        if (mask instanceof long[] a) {
            return a[i];
        }
        if (mask instanceof short[] a) {
            return a[i] & 0xFFFF;
        }
        return ((byte[]) mask)[i] & 0xFF;
    }

    /** var, skew or kurtosis (SEMANTICS.md) of the label whose {n, P1..P4} these are. */
    static double statistic(Statistic s, BigInteger[] p) {
        BigDecimal n = new BigDecimal(p[0]);
        BigDecimal mean = new BigDecimal(p[1]).divide(n, MC);
        // central moments M_k / n from the raw ones: E(x - m)^k by the binomial theorem
        BigDecimal[] raw = new BigDecimal[5];
        for (int k = 1; k <= 4; k++) {
            raw[k] = new BigDecimal(p[k]).divide(n, MC);
        }
        BigDecimal m2 = raw[2].subtract(mean.pow(2), MC);
        BigDecimal m3 = raw[3].subtract(BigDecimal.valueOf(3).multiply(mean).multiply(raw[2]), MC)
                .add(BigDecimal.valueOf(2).multiply(mean.pow(3)), MC);
        BigDecimal m4 = raw[4].subtract(BigDecimal.valueOf(4).multiply(mean).multiply(raw[3]), MC)
                .add(BigDecimal.valueOf(6).multiply(mean.pow(2)).multiply(raw[2]), MC)
                .subtract(BigDecimal.valueOf(3).multiply(mean.pow(4)), MC);
        return switch (s) {
            case VAR -> m2.doubleValue();
            case SKEW -> m3.doubleValue() / Math.pow(m2.doubleValue(), 1.5);
            case KURTOSIS -> m4.divide(m2.pow(2), MC).doubleValue() - 3;
            case MEAN -> mean.doubleValue();
            default -> throw new IllegalArgumentException("not a moment: " + s);
        };
    }
}
