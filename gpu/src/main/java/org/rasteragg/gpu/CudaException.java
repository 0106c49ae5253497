package org.rasteragg.gpu;

/** A CUDA driver call failed, or the driver is missing; the message names the call and the error. */
final class CudaException extends org.rasteragg.core.engine.AcceleratorException {

    private static final long serialVersionUID = 1L;

    CudaException(String message) {
        super(message);
    }
}
