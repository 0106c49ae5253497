package org.rasteragg.core;

/**
 * {@link GpuMode#ON} was asked for but no GPU can run the aggregation; the message says why in one
 * line (no GPU module installed, no driver library, no device, a statistic or dtype without a GPU
 * kernel). Front ends exit with status 1.
 */
public final class GpuUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public GpuUnavailableException(String message) {
        super(message);
    }
}
