package org.rasteragg.core.synthetic;

import java.util.Arrays;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;

/**
 * A seeded, cell-like synthetic dataset computed chunk by chunk (so it can be larger than memory):
 * a Voronoi tessellation of jittered seed points, each cell cut to a disc (ball in 3D) so that about
 * a quarter of the area is background, and a multichannel uint16 image where each cell has its own
 * brightness per channel plus per-voxel noise. Used by the demo and the benchmark.
 *
 * <p>Every value is a pure function of (seed, coordinates): arrays are thread-safe, chunk reads are
 * reproducible in any order, and the same parameters always give the same data.
 */
public final class SyntheticTissue {

    private final long seed;
    private final long[] shape;
    private final double spacing;
    private final double radius2;
    private final int channels;
    private final long[] seedGrid;

    /**
     * @param shape (z, y, x); z = 1 for 2D data
     * @param voxelsPerCell mean voxels per cell including background (the benchmark uses 180)
     * @param channels image channels
     * @param seed random seed
     */
    public SyntheticTissue(long[] shape, double voxelsPerCell, int channels, long seed) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("shape must be (z, y, x): " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.seed = seed;
        this.channels = channels;
        boolean flat = shape[0] == 1;
        this.spacing = flat ? Math.sqrt(voxelsPerCell) : Math.cbrt(voxelsPerCell);
        // A disc (ball) of this radius covers 75% of its seed's grid cell on average: ~25% background.
        double r = flat ? spacing * Math.sqrt(0.75 / Math.PI) : spacing * Math.cbrt(0.75 * 3 / (4 * Math.PI));
        this.radius2 = r * r * 1.6;
        this.seedGrid = new long[3];
        for (int a = 0; a < 3; a++) {
            seedGrid[a] = flat && a == 0 ? 1 : (long) Math.ceil(shape[a] / spacing) + 1;
        }
    }

    /** Upper bound of the label ids (cells are numbered 1..this, 0 is background). */
    public long maxLabel() {
        return seedGrid[0] * seedGrid[1] * seedGrid[2];
    }

    public int channels() {
        return channels;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    private double unit(long a, long b) {
        return (mix(seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b) >>> 11) * 0x1.0p-53;
    }

    private double seedCoordinate(long cell, int axis) {
        if (shape[0] == 1 && axis == 0) {
            return 0;
        }
        long g = (cell / (axis == 0 ? seedGrid[1] * seedGrid[2] : axis == 1 ? seedGrid[2] : 1))
                % seedGrid[axis];
        return (g + 0.15 + 0.7 * unit(cell, axis)) * spacing;
    }

    /** The label at (z, y, x): the nearest seed's id, or 0 outside its disc. */
    public long labelAt(long z, long y, long x) {
        long gz = shape[0] == 1 ? 0 : (long) (z / spacing);
        long gy = (long) (y / spacing);
        long gx = (long) (x / spacing);
        double best = Double.MAX_VALUE;
        long bestCell = -1;
        int zr = shape[0] == 1 ? 0 : 1;
        for (long dz = -zr; dz <= zr; dz++) {
            for (long dy = -1; dy <= 1; dy++) {
                for (long dx = -1; dx <= 1; dx++) {
                    long cz = gz + dz;
                    long cy = gy + dy;
                    long cx = gx + dx;
                    if (cz < 0 || cy < 0 || cx < 0 || cz >= seedGrid[0] || cy >= seedGrid[1] || cx >= seedGrid[2]) {
                        continue;
                    }
                    long cell = (cz * seedGrid[1] + cy) * seedGrid[2] + cx;
                    double ez = z + 0.5 - seedCoordinate(cell, 0);
                    double ey = y + 0.5 - seedCoordinate(cell, 1);
                    double ex = x + 0.5 - seedCoordinate(cell, 2);
                    double d = (shape[0] == 1 ? 0 : ez * ez) + ey * ey + ex * ex;
                    if (d < best) {
                        best = d;
                        bestCell = cell;
                    }
                }
            }
        }
        return best <= radius2 * (0.6 + 0.4 * unit(bestCell, 7)) ? bestCell + 1 : 0;
    }

    /** The image value of channel {@code c} at a voxel of label {@code label}. */
    public int valueAt(int c, long label, long z, long y, long x) {
        double base = label == 0 ? 80 : 200 + 3000 * unit(label, 100 + c) * unit(label, 200 + c);
        double noise = unit(((z * shape[1] + y) * shape[2] + x) * 16 + c, 300) * 0.25 * base;
        return (int) Math.min(65535, base + noise);
    }

    /** The label mask as a lazily computed uint32 (z, y, x) array. */
    public ChunkedArray labels(int[] chunkShape) {
        return new Computed(DType.UINT32, shape, chunkShape, false);
    }

    /** The image as a lazily computed uint16 (c, z, y, x) array. */
    public ChunkedArray image(int[] chunkShape) {
        long[] s = {channels, shape[0], shape[1], shape[2]};
        return new Computed(DType.UINT16, s, chunkShape, true);
    }

    private final class Computed implements ChunkedArray {
        private final DType dtype;
        private final ChunkGrid grid;
        private final boolean image;

        Computed(DType dtype, long[] shape, int[] chunkShape, boolean image) {
            this.dtype = dtype;
            this.grid = new ChunkGrid(shape, chunkShape);
            this.image = image;
        }

        @Override
        public DType dtype() {
            return dtype;
        }

        @Override
        public ChunkGrid grid() {
            return grid;
        }

        @Override
        public void readChunk(long[] p, Object destination) {
            int[] cs = grid.chunkShape();
            int off = image ? 1 : 0;
            int cc = image ? cs[0] : 1;
            int c0 = image ? (int) (p[0] * cs[0]) : 0;
            int vc = image ? grid.validExtent(p, 0) : 1;
            int vz = grid.validExtent(p, off);
            int vy = grid.validExtent(p, off + 1);
            int vx = grid.validExtent(p, off + 2);
            long z0 = p[off] * cs[off];
            long y0 = p[off + 1] * cs[off + 1];
            long x0 = p[off + 2] * cs[off + 2];
            int sz = cs[off];
            int sy = cs[off + 1];
            int sx = cs[off + 2];
            for (int z = 0; z < vz; z++) {
                for (int y = 0; y < vy; y++) {
                    for (int x = 0; x < vx; x++) {
                        long label = labelAt(z0 + z, y0 + y, x0 + x);
                        if (!image) {
                            ((int[]) destination)[(z * sy + y) * sx + x] = (int) label;
                            continue;
                        }
                        for (int c = 0; c < vc; c++) {
                            ((short[]) destination)[((c * sz + z) * sy + y) * sx + x] =
                                    (short) valueAt(c0 + c, label, z0 + z, y0 + y, x0 + x);
                        }
                    }
                }
            }
            if (image && cc < 1) {
                throw new IllegalStateException("empty channel chunk");
            }
        }

        @Override
        public String description() {
            return "synthetic " + (image ? "image " : "labels ") + Arrays.toString(grid.shape());
        }
    }
}
