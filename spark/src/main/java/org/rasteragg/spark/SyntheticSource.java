package org.rasteragg.spark;

import java.util.Arrays;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.synthetic.SyntheticTissue;

/**
 * The label mask or image of a seeded {@link SyntheticTissue}, computed on the executors: only
 * the parameters travel, so it stands in for a dataset of any size (benchmarks, cluster tests).
 *
 * @param shape (z, y, x)
 * @param voxelsPerCell mean voxels per cell
 * @param channels image channels
 * @param seed random seed
 * @param image true for the (c, z, y, x) uint16 image, false for the uint32 (z, y, x) mask
 * @param chunkShape chunk shape of the array (4D for the image, 3D for the mask)
 */
public record SyntheticSource(long[] shape, double voxelsPerCell, int channels, long seed, boolean image,
        int[] chunkShape) implements ArraySource {

    private static final long serialVersionUID = 1L;

    public SyntheticSource {
        shape = shape.clone();
        chunkShape = chunkShape.clone();
    }

    /** The mask of the tissue. */
    public static SyntheticSource mask(long[] shape, double voxelsPerCell, int channels, long seed, int[] chunkShape) {
        return new SyntheticSource(shape, voxelsPerCell, channels, seed, false, chunkShape);
    }

    /** The image of the same tissue as {@link #mask}. */
    public static SyntheticSource image(long[] shape, double voxelsPerCell, int channels, long seed, int[] chunkShape) {
        return new SyntheticSource(shape, voxelsPerCell, channels, seed, true, chunkShape);
    }

    @Override
    public ChunkedArray open() {
        SyntheticTissue tissue = new SyntheticTissue(shape, voxelsPerCell, channels, seed);
        return image ? tissue.image(chunkShape) : tissue.labels(chunkShape);
    }

    @Override
    public String description() {
        return "synthetic tissue " + (image ? "image " : "mask ") + Arrays.toString(shape) + " seed " + seed;
    }
}
