package org.rasteragg.core.array;

/** Adapters that bring common on-disk layouts to the engine's (z, y, x) and (c, z, y, x). */
public final class ChunkedArrays {

    private ChunkedArrays() {
    }

    /** A (y, x) mask as (1, y, x); a 3D mask unchanged; anything else unchanged (the engine rejects it). */
    public static ChunkedArray maskAsZyx(ChunkedArray mask) {
        return mask.ndim() == 2 ? new InsertedAxisArray(mask, 0) : mask;
    }

    /**
     * A (c, y, x) image as (c, 1, y, x); a (y, x) image as (1, 1, y, x); a 4D image unchanged;
     * anything else unchanged (the engine rejects it).
     */
    public static ChunkedArray imageAsCzyx(ChunkedArray image) {
        return switch (image.ndim()) {
            case 2 -> new InsertedAxisArray(new InsertedAxisArray(image, 0), 0);
            case 3 -> new InsertedAxisArray(image, 1);
            default -> image;
        };
    }

    /**
     * The channels {@code channels} (axis 0, in this order) of an image, read without decoding the
     * others; the image itself when it selects every channel in order.
     */
    public static ChunkedArray selectChannels(ChunkedArray image, int[] channels) {
        boolean identity = channels.length == image.shape()[0];
        for (int i = 0; identity && i < channels.length; i++) {
            identity = channels[i] == i;
        }
        return identity ? image : new ChannelSubsetArray(image, channels);
    }
}
