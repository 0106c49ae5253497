package org.rasteragg.zarr.codec;

import com.github.luben.zstd.ZstdException;
import net.jpountz.lz4.LZ4Exception;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * Tells the unchecked exceptions by which decoding libraries report malformed input (lz4-java's
 * {@link LZ4Exception}, zstd-jni's {@link ZstdException}) from every other exception: only those
 * become a {@link ZarrFormatException}; a {@link NullPointerException} or an index out of bounds
 * in this module's own code is a bug and must reach the user as one, never as "corrupt data".
 */
public final class MalformedInput {

    private MalformedInput() {
    }

    /**
     * {@code e} as a {@link ZarrFormatException} naming {@code codec} and the input size when a
     * decoding library threw it for malformed input; otherwise {@code e} itself, rethrown.
     */
    public static ZarrFormatException orRethrow(RuntimeException e, String codec, int inputBytes) {
        if (e instanceof LZ4Exception || e instanceof ZstdException) {
            return new ZarrFormatException(codec + ": corrupt data (" + inputBytes + " bytes): " + e.getMessage(), e);
        }
        throw e;
    }
}
