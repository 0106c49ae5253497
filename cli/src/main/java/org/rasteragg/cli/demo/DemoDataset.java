package org.rasteragg.cli.demo;

import java.util.List;
import java.util.SplittableRandom;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.synthetic.SyntheticTissue;

/**
 * A seeded, realistic-looking dataset for demos and tests: the label mask of core's
 * {@link SyntheticTissue} (jittered-grid Voronoi cells cut to discs, about a quarter background) and
 * a 4-channel uint16 image (DAPI, CD3, CD20, CD45) whose intensities depend on each cell's type
 * (T cell: CD3+CD45+, B cell: CD20+CD45+, other: CD45-), with noise. Same seed, same data.
 * Immutable; thread-safe.
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
        int d = is3d ? depth : 1;
        long voxels = (long) d * height * width;
        if (voxels > Integer.MAX_VALUE / CHANNELS.size()) {
            throw new IllegalArgumentException("demo dataset too large: " + voxels + " voxels");
        }
        // The cells: core's Voronoi tissue (the benchmark's too), 18 px apart in 2D, 9 voxels in 3D.
        double spacing = is3d ? 9.0 : 18.0;
        SyntheticTissue tissue = new SyntheticTissue(new long[] {d, height, width},
                is3d ? spacing * spacing * spacing : spacing * spacing, CHANNELS.size(), seed);
        int n = (int) voxels;
        int[] mask = new int[n];
        short[] img = new short[CHANNELS.size() * n];
        // Per cell type, the mean of each channel: DAPI, CD3, CD20, CD45 (other, T cell, B cell).
        double[][] levels = {{900, 120, 110, 300}, {1000, 2600, 150, 2200}, {950, 140, 2400, 2000}};
        SplittableRandom noise = new SplittableRandom(seed).split();
        java.util.BitSet seen = new java.util.BitSet();
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int v = (z * height + y) * width + x;
                    int label = (int) tissue.labelAt(z, y, x);
                    mask[v] = label;
                    seen.set(label);
                    // Each cell's type and brightness are a function of (seed, label).
                    SplittableRandom cell = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + label);
                    double t = cell.nextDouble();
                    int type = t < 0.35 ? 1 : t < 0.6 ? 2 : 0;
                    double brightness = 0.7 + 0.6 * cell.nextDouble();
                    for (int c = 0; c < CHANNELS.size(); c++) {
                        double mean = label == 0 ? 80 : levels[type][c] * brightness;
                        double value = mean + Math.sqrt(mean) * 2 * gaussian(noise);
                        img[c * n + v] = (short) Math.max(0, Math.min(65535, Math.round(value)));
                    }
                }
            }
        }
        seen.clear(0);
        long[] shape = is3d ? new long[] {depth, height, width} : new long[] {height, width};
        return new DemoDataset(is3d, shape, mask, img, seen.cardinality());
    }

    private static double gaussian(SplittableRandom r) {
        // Sum of 4 uniforms, rescaled: cheap, smooth enough for demo noise.
        return (r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0) * Math.sqrt(3.0);
    }

    public boolean is3d() {
        return is3d;
    }

    /** Number of cells (labels covering at least one voxel). */
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
