package org.rasteragg.core;

/** Image and mask (z, y, x) shapes differ; the message shows both shapes. */
public final class ShapeMismatchException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) {
        super(message);
    }
}
