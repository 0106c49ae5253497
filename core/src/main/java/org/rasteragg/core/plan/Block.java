package org.rasteragg.core.plan;

/**
 * One cell of the intersection grid: a (z, y, x) box lying inside exactly one mask chunk and one
 * image chunk (spatially; the image's channel chunks are all read for it).
 *
 * @param index position in the plan's raster order
 * @param origin first voxel (z, y, x)
 * @param extent size (z, y, x)
 * @param maskChunk grid position of the mask chunk holding the box
 * @param imageChunk spatial grid position (z, y, x) of the image chunk holding the box; null without image
 */
public record Block(long index, long[] origin, int[] extent, long[] maskChunk, long[] imageChunk) {

    public long voxels() {
        return (long) extent[0] * extent[1] * extent[2];
    }
}
