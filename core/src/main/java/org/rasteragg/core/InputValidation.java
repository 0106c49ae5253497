package org.rasteragg.core;

import java.util.Arrays;
import org.rasteragg.core.array.ChunkedArray;

/** The checks harpy makes on its inputs, with messages that name what was found. */
public final class InputValidation {

    private InputValidation() {
    }

    /**
     * @param mask must be 3D (z, y, x) with an integer dtype
     * @param image null, or 4D (c, z, y, x) with the mask's (z, y, x) shape
     */
    public static void validate(ChunkedArray mask, ChunkedArray image) {
        if (mask == null) {
            throw new InvalidInputException("a mask is required");
        }
        if (!mask.dtype().isInteger()) {
            throw new InvalidInputException("the mask " + mask.description() + " must have an integer dtype, found "
                    + mask.dtype().numpyName());
        }
        if (mask.ndim() != 3) {
            throw new InvalidInputException("the mask must be 3D (z, y, x), found " + mask.ndim() + "D shape "
                    + Arrays.toString(mask.shape()));
        }
        if (image == null) {
            return;
        }
        if (image.ndim() != 4) {
            throw new InvalidInputException("the image must be 4D (c, z, y, x), found " + image.ndim() + "D shape "
                    + Arrays.toString(image.shape()));
        }
        long[] m = mask.shape();
        long[] i = image.shape();
        if (i[1] != m[0] || i[2] != m[1] || i[3] != m[2]) {
            throw new ShapeMismatchException("the image's (z, y, x) shape " + Arrays.toString(Arrays.copyOfRange(i, 1, 4))
                    + " (image shape " + Arrays.toString(i) + ") does not match the mask shape " + Arrays.toString(m));
        }
        if (i[0] < 1) {
            throw new InvalidInputException("the image has no channels: shape " + Arrays.toString(i));
        }
    }
}
