package org.rasteragg.core.engine;

/**
 * An accelerator failed while running (a driver call, device memory): in {@link
 * org.rasteragg.core.GpuMode#AUTO} the aggregation is run again on the CPU, in ON it ends as a
 * {@link org.rasteragg.core.GpuUnavailableException}. Input errors are not this (they are
 * {@link org.rasteragg.core.InvalidInputException}, the same on every engine).
 */
public class AcceleratorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AcceleratorException(String message) {
        super(message);
    }
}
