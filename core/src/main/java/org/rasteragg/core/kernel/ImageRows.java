package org.rasteragg.core.kernel;

import org.rasteragg.core.array.DType;
import org.rasteragg.core.plan.Block;

/**
 * The rows of one block within the image's chunk buffers: row {@code r} of the block is
 * {@code (z, y) = (r / ey, r % ey)}, and channel {@code c} lives in chunk {@code c / cc} at channel
 * {@code c % cc} of that chunk. Reads widen a row into a reusable buffer, one loop per dtype.
 */
final class ImageRows {

    private final Object[] chunks;
    private final DType type;
    private final int channelsPerChunk;
    private final int iz;
    private final int iy;
    private final int ix;
    private final int z0;
    private final int y0;
    private final int x0;
    private final int ey;
    private final int count;
    private final int width;

    /**
     * @param image the image chunks holding the block, one per channel chunk (c grid order)
     * @param chunkShape the image's chunk shape (c, z, y, x)
     */
    ImageRows(Block block, Object[] image, DType type, int[] chunkShape) {
        this.chunks = image;
        this.type = type;
        this.channelsPerChunk = chunkShape[0];
        this.iz = chunkShape[1];
        this.iy = chunkShape[2];
        this.ix = chunkShape[3];
        long[] o = block.origin();
        long[] chunk = block.imageChunk();
        this.z0 = (int) (o[0] - chunk[0] * iz);
        this.y0 = (int) (o[1] - chunk[1] * iy);
        this.x0 = (int) (o[2] - chunk[2] * ix);
        this.ey = block.extent()[1];
        this.count = block.extent()[0] * ey;
        this.width = block.extent()[2];
    }

    /** Rows in the block ({@code ez * ey}). */
    int count() {
        return count;
    }

    /** Voxels per row ({@code ex}). */
    int width() {
        return width;
    }

    /** Row {@code r} of channel {@code c} into {@code dest[0..width)}; the image must fit an int. */
    void readIntegers(int c, int r, int[] dest) {
        RowReader.integers(chunks[c / channelsPerChunk], type, start(c, r), dest, 0, width);
    }

    /** Row {@code r} of channel {@code c} as float64 into {@code dest[to..to + width)}. */
    void readValues(int c, int r, double[] dest, int to) {
        RowReader.values(chunks[c / channelsPerChunk], type, start(c, r), dest, to, width);
    }

    /** Row {@code r} of channel {@code c} of an int64 or uint64 image, raw bits, into {@code dest[0..width)}. */
    void readLongs(int c, int r, long[] dest) {
        RowReader.labels(chunks[c / channelsPerChunk], type, start(c, r), dest, width);
    }

    /** Row {@code r} of channel {@code c} into {@code dest[to + i * stride]}; the image must fit an int. */
    void interleaveIntegers(int c, int r, int[] dest, int to, int stride) {
        RowReader.interleaveIntegers(chunks[c / channelsPerChunk], type, start(c, r), dest, to, stride, width);
    }

    private int start(int c, int r) {
        int within = c % channelsPerChunk;
        int z = r / ey;
        int y = r - z * ey;
        return ((within * iz + z0 + z) * iy + y0 + y) * ix + x0;
    }
}
