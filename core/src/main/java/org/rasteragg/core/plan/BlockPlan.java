package org.rasteragg.core.plan;

import java.util.Arrays;
import java.util.TreeSet;
import org.rasteragg.core.array.ChunkGrid;

/**
 * The intersection grid of a (z, y, x) mask chunk grid and a (c, z, y, x) image chunk grid: along
 * each spatial axis the boundaries are the union of both grids' chunk boundaries, so every block lies
 * inside one chunk of each array. With equal grids there is one block per chunk. Blocks are numbered
 * in raster (C) order and built on demand, so a plan of millions of blocks costs only its boundaries.
 *
 * <p>Harpy rejects differing chunk grids; we accept any two, and {@link #maskChunkUses} /
 * {@link #imageChunkUses} tell a chunk cache how many blocks need each chunk so it is decoded once.
 *
 * <p>Immutable and thread-safe.
 */
public final class BlockPlan implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final ChunkGrid maskGrid;
    private final ChunkGrid imageGrid;
    /** boundaries[axis] = sorted start offsets of the blocks along the axis, then the extent. */
    private final long[][] boundaries;
    private final long blockCount;

    /**
     * @param maskGrid 3D (z, y, x)
     * @param imageGrid 4D (c, z, y, x) with the same (z, y, x) shape, or null
     */
    public BlockPlan(ChunkGrid maskGrid, ChunkGrid imageGrid) {
        if (maskGrid.ndim() != 3) {
            throw new IllegalArgumentException("the mask grid must be 3D (z, y, x): " + maskGrid);
        }
        if (imageGrid != null && imageGrid.ndim() != 4) {
            throw new IllegalArgumentException("the image grid must be 4D (c, z, y, x): " + imageGrid);
        }
        this.maskGrid = maskGrid;
        this.imageGrid = imageGrid;
        this.boundaries = new long[3][];
        long count = 1;
        for (int a = 0; a < 3; a++) {
            long extent = maskGrid.extent(a);
            TreeSet<Long> starts = new TreeSet<>();
            for (long s = 0; s < extent; s += maskGrid.chunkExtent(a)) {
                starts.add(s);
            }
            if (imageGrid != null) {
                for (long s = 0; s < extent; s += imageGrid.chunkExtent(a + 1)) {
                    starts.add(s);
                }
            }
            long[] b = new long[starts.size() + 1];
            int i = 0;
            for (long s : starts) {
                b[i++] = s;
            }
            b[i] = extent;
            boundaries[a] = b;
            count *= starts.size();
        }
        this.blockCount = count;
    }

    public ChunkGrid maskGrid() {
        return maskGrid;
    }

    /** The image grid, or null for a mask-only plan. */
    public ChunkGrid imageGrid() {
        return imageGrid;
    }

    public long blockCount() {
        return blockCount;
    }

    /** Number of blocks along a spatial axis. */
    public int blocksAlong(int axis) {
        return boundaries[axis].length - 1;
    }

    /** Whether every block is exactly one chunk of each array (no chunk is shared between blocks). */
    public boolean isAligned() {
        for (int a = 0; a < 3; a++) {
            if (blocksAlong(a) != maskGrid.gridExtent(a)
                    || (imageGrid != null && blocksAlong(a) != imageGrid.gridExtent(a + 1))) {
                return false;
            }
        }
        return true;
    }

    /** The block with raster index {@code index}. */
    public Block block(long index) {
        if (index < 0 || index >= blockCount) {
            throw new IndexOutOfBoundsException("block " + index + " of " + blockCount);
        }
        long[] origin = new long[3];
        int[] extent = new int[3];
        long[] maskChunk = new long[3];
        long[] imageChunk = imageGrid == null ? null : new long[3];
        long rest = index;
        for (int a = 2; a >= 0; a--) {
            int n = blocksAlong(a);
            int i = (int) (rest % n);
            rest /= n;
            origin[a] = boundaries[a][i];
            extent[a] = (int) (boundaries[a][i + 1] - origin[a]);
            maskChunk[a] = origin[a] / maskGrid.chunkExtent(a);
            if (imageChunk != null) {
                imageChunk[a] = origin[a] / imageGrid.chunkExtent(a + 1);
            }
        }
        return new Block(index, origin, extent, maskChunk, imageChunk);
    }

    /** How many blocks lie in the mask chunk at {@code chunk} (z, y, x grid position). */
    public long maskChunkUses(long[] chunk) {
        return uses(chunk, maskGrid, 0);
    }

    /** How many blocks lie in the image chunk column at spatial grid position {@code chunk}. */
    public long imageChunkUses(long[] chunk) {
        return uses(chunk, imageGrid, 1);
    }

    private long uses(long[] chunk, ChunkGrid grid, int axisOffset) {
        long n = 1;
        for (int a = 0; a < 3; a++) {
            long lo = chunk[a] * grid.chunkExtent(a + axisOffset);
            long hi = Math.min(lo + grid.chunkExtent(a + axisOffset), maskGrid.extent(a));
            long[] b = boundaries[a];
            int from = Arrays.binarySearch(b, lo);
            int to = Arrays.binarySearch(b, hi);
            n *= to - from;
        }
        return n;
    }

    /** Total voxels. */
    public long voxelCount() {
        return maskGrid.elementCount();
    }
}
