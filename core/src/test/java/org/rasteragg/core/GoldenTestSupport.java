package org.rasteragg.core;

import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.testing.GoldenCase;
import org.rasteragg.core.testing.Npy;

/** Chunkings and argument streams shared by the golden and parity tests. */
final class GoldenTestSupport {

    private GoldenTestSupport() {
    }

    /** How a case's arrays are chunked: whole, and two grids where mask and image differ. */
    enum Chunking {
        WHOLE, SMALL, MIXED;

        int[] maskChunks(long[] s) {
            return switch (this) {
                case WHOLE -> new int[] {dim(s[0]), dim(s[1]), dim(s[2])};
                case SMALL -> new int[] {1, 4, 5};
                case MIXED -> new int[] {2, 7, 3};
            };
        }

        int[] imageChunks(long[] s) {
            return switch (this) {
                case WHOLE -> new int[] {dim(s[0]), dim(s[1]), dim(s[2]), dim(s[3])};
                case SMALL -> new int[] {1, 2, 3, 7};
                case MIXED -> new int[] {2, 1, 5, 4};
            };
        }

        private static int dim(long d) {
            return (int) Math.max(1, d);
        }
    }

    static RasterAggregator aggregator(GoldenCase c, Chunking chunking, int threads) {
        Npy.Parsed m = c.mask();
        Npy.Parsed i = c.image();
        ChunkedArray mask = m.chunked(chunking.maskChunks(m.shape()));
        ChunkedArray image = i == null ? null : i.chunked(chunking.imageChunks(i.shape()));
        return RasterAggregator.builder().mask(mask).image(image).threads(threads).build();
    }

}
