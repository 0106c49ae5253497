package org.rasteragg.cli.demo;

import java.util.List;
import java.util.SplittableRandom;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;

/**
 * A seeded, realistic-looking dataset for demos and tests: a label mask of cell-like shapes
 * (jittered-grid Voronoi cells clipped to a per-cell radius, about a quarter background, some
 * empty patches) and a 4-channel uint16 image (DAPI, CD3, CD20, CD45) whose intensities depend on
 * each cell's type (T cell: CD3+CD45+, B cell: CD20+CD45+, other: CD45-), with a brighter nucleus
 * and noise. Same seed, same data. Immutable; thread-safe.
 *
 * <p>2D: mask (y, x) int32, image (c, y, x) uint16. 3D: mask (z, y, x), image (c, z, y, x).
 */
public final class DemoDataset {

    /** The channel names, in image order. */
    public static final List<String> CHANNELS = List.of("DAPI", "CD3", "CD20", "CD45");

    /** Default 2D size: 1024 x 1024, about 3,000 cells. */
    public static final int DEFAULT_2D = 1024;

    private final boolean is3d;
    private final long[] maskShape;
    private final int[] labels;
    private final short[] image;
    private final int cellCount;

    private DemoDataset(boolean is3d, long[] maskShape, int[] labels, short[] image, int cellCount) {
        this.is3d = is3d;
        this.maskShape = maskShape;
        this.labels = labels;
        this.image = image;
        this.cellCount = cellCount;
    }

    /** The default 2D dataset (1024 x 1024, seed 42). */
    public static DemoDataset twoD() {
        return generate(false, 1, DEFAULT_2D, DEFAULT_2D, 42);
    }

    /** The default 3D dataset (24 x 256 x 256, seed 42). */
    public static DemoDataset threeD() {
        return generate(true, 24, 256, 256, 42);
    }

    /**
     * Generates a dataset.
     *
     * @param is3d whether the mask is (z, y, x) (else (y, x), and {@code depth} must be 1)
     * @param depth z size
     * @param height y size
     * @param width x size
     * @param seed random seed
     */
    public static DemoDataset generate(boolean is3d, int depth, int height, int width, long seed) {
        if (!is3d && depth != 1) {
            throw new IllegalArgumentException("a 2D dataset has depth 1: " + depth);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        // Cell centres on a jittered grid (spacing s); per grid cell maybe no cell (tissue gaps).
        double s = is3d ? 9.0 : 18.0;
        int gz = is3d ? (int) Math.ceil(depth / s) : 1;
        int gy = (int) Math.ceil(height / s);
        int gx = (int) Math.ceil(width / s);
        int slots = gz * gy * gx;
        double[] cz = new double[slots];
        double[] cy = new double[slots];
        double[] cx = new double[slots];
        double[] radius = new double[slots];
        int[] label = new int[slots];
        int[] type = new int[slots];
        double[] brightness = new double[slots];
        int next = 0;
        for (int k = 0; k < gz; k++) {
            for (int j = 0; j < gy; j++) {
                for (int i = 0; i < gx; i++) {
                    int g = (k * gy + j) * gx + i;
                    cz[g] = is3d ? (k + 0.15 + 0.7 * rnd.nextDouble()) * s : 0;
                    cy[g] = (j + 0.15 + 0.7 * rnd.nextDouble()) * s;
                    cx[g] = (i + 0.15 + 0.7 * rnd.nextDouble()) * s;
                    radius[g] = s * (0.46 + 0.14 * rnd.nextDouble());
                    // Sparse patches: a smooth "tissue density" field decides gaps.
                    double density = Math.sin(j * 0.21 + 1.3) * Math.cos(i * 0.17 + 0.4) + 0.3 * rnd.nextDouble();
                    boolean inside = cy[g] < height && cx[g] < width && cz[g] < Math.max(depth, 1);
                    if (inside && density > -0.85) {
                        label[g] = ++next;
                        double t = rnd.nextDouble();
                        type[g] = t < 0.35 ? 1 : t < 0.6 ? 2 : 0;
                        brightness[g] = 0.7 + 0.6 * rnd.nextDouble();
                    }
                }
            }
        }
        int d = is3d ? depth : 1;
        long voxels = (long) d * height * width;
        if (voxels > Integer.MAX_VALUE / CHANNELS.size()) {
            throw new IllegalArgumentException("demo dataset too large: " + voxels + " voxels");
        }
        int n = (int) voxels;
        int[] mask = new int[n];
        short[] img = new short[CHANNELS.size() * n];
        // Per-label intensity means per channel: DAPI, CD3, CD20, CD45.
        double[][] levels = {{900, 120, 110, 300}, {1000, 2600, 150, 2200}, {950, 140, 2400, 2000}};
        SplittableRandom noise = rnd.split();
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < height; y++) {
                int jy = Math.min(gy - 1, (int) (y / s));
                for (int x = 0; x < width; x++) {
                    int ix = Math.min(gx - 1, (int) (x / s));
                    int kz = is3d ? Math.min(gz - 1, (int) (z / s)) : 0;
                    int best = -1;
                    double bestD = Double.MAX_VALUE;
                    for (int dk = is3d ? -1 : 0; dk <= (is3d ? 1 : 0); dk++) {
                        int k = kz + dk;
                        if (k < 0 || k >= gz) {
                            continue;
                        }
                        for (int dj = -1; dj <= 1; dj++) {
                            int j = jy + dj;
                            if (j < 0 || j >= gy) {
                                continue;
                            }
                            for (int di = -1; di <= 1; di++) {
                                int i = ix + di;
                                if (i < 0 || i >= gx) {
                                    continue;
                                }
                                int g = (k * gy + j) * gx + i;
                                double dz = z + 0.5 - cz[g];
                                double dy = y + 0.5 - cy[g];
                                double dx = x + 0.5 - cx[g];
                                double dist = is3d ? dz * dz + dy * dy + dx * dx : dy * dy + dx * dx;
                                if (dist < bestD) {
                                    bestD = dist;
                                    best = g;
                                }
                            }
                        }
                    }
                    int v = (z * height + y) * width + x;
                    double r = Math.sqrt(bestD) / radius[best];
                    boolean cell = label[best] != 0 && r < 1.0;
                    mask[v] = cell ? label[best] : 0;
                    for (int c = 0; c < CHANNELS.size(); c++) {
                        double mean;
                        if (cell) {
                            mean = levels[type[best]][c] * brightness[best];
                            if (c == 0) {
                                mean *= r < 0.6 ? 1.8 : 0.6;
                            } else {
                                mean *= r < 0.6 ? 0.8 : 1.2;
                            }
                        } else {
                            mean = 80;
                        }
                        double value = mean + Math.sqrt(mean) * 2 * gaussian(noise);
                        img[c * n + v] = (short) Math.max(0, Math.min(65535, Math.round(value)));
                    }
                }
            }
        }
        long[] shape = is3d ? new long[] {depth, height, width} : new long[] {height, width};
        return new DemoDataset(is3d, shape, mask, img, next);
    }

    private static double gaussian(SplittableRandom r) {
        // Sum of 4 uniforms, rescaled: cheap, smooth enough for demo noise.
        return (r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0) * Math.sqrt(3.0);
    }

    public boolean is3d() {
        return is3d;
    }

    /** Number of labels drawn (some may cover no voxel when clipped by the array edge). */
    public int cellCount() {
        return cellCount;
    }

    /** Mask shape, (y, x) or (z, y, x). */
    public long[] maskShape() {
        return maskShape.clone();
    }

    /** Image shape, (c, y, x) or (c, z, y, x). */
    public long[] imageShape() {
        long[] s = new long[maskShape.length + 1];
        s[0] = CHANNELS.size();
        System.arraycopy(maskShape, 0, s, 1, maskShape.length);
        return s;
    }

    /** Chunk shape of the mask: 256 along y and x, 8 along z. */
    public int[] maskChunks() {
        return is3d ? new int[] {8, 128, 128} : new int[] {256, 256};
    }

    /** Chunk shape of the image: one channel per chunk, else as the mask. */
    public int[] imageChunks() {
        int[] m = maskChunks();
        int[] c = new int[m.length + 1];
        c[0] = 1;
        System.arraycopy(m, 0, c, 1, m.length);
        return c;
    }

    /** The label mask, int32, C order (the array itself: do not modify). */
    public int[] maskData() {
        return labels;
    }

    /** The image, uint16 bits in shorts, C order (the array itself: do not modify). */
    public short[] imageData() {
        return image;
    }

    public ChunkedArray mask() {
        return new InMemoryArray(DType.INT32, labels, maskShape(), maskChunks());
    }

    public ChunkedArray image() {
        return new InMemoryArray(DType.UINT16, image, imageShape(), imageChunks());
    }
}
