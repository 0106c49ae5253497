package org.rasteragg.core;

/** An explicit index names the same label twice. */
public final class DuplicateLabelException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public DuplicateLabelException(String message) {
        super(message);
    }
}
