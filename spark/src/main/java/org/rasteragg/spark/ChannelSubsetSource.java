package org.rasteragg.spark;

import java.util.Arrays;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.ChunkedArrays;

/**
 * Some channels (axis 0, in the order given) of an image source; the others are never decoded.
 *
 * @param image a (c, z, y, x) or (c, y, x) image
 * @param channels channel indices
 */
public record ChannelSubsetSource(ArraySource image, int[] channels) implements ArraySource {

    private static final long serialVersionUID = 1L;

    public ChannelSubsetSource {
        channels = channels.clone();
    }

    @Override
    public ChunkedArray open() {
        return ChunkedArrays.selectChannels(image.open(), channels);
    }

    @Override
    public String description() {
        return image.description() + " channels " + Arrays.toString(channels);
    }
}
