package org.rasteragg.core.engine;

import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;

/**
 * An engine on an accelerator (the {@code gpu} module's CUDA engine), found through
 * {@link java.util.ServiceLoader}: core never depends on one. It must give the same
 * {@link LabelState} as {@link AggregationEngine#run} (see {@link Accelerators} for how one is chosen).
 *
 * <p>Implementations are created once per JVM and must be thread-safe; constructing one must not
 * load native code (that happens in {@link #unavailableReason}, which never throws).
 */
public interface AcceleratorProvider {

    /** A short name for notices ("CUDA GPU"). */
    String name();

    /**
     * Null when the accelerator can run (its driver library loaded and a device found), else one
     * line saying why not ("no CUDA driver library (libcuda.so.1): ..."). Cheap after the first call.
     */
    String unavailableReason();

    /**
     * Null when this accelerator computes {@code features} for these dtypes, else one line saying
     * which statistic or dtype has no kernel.
     *
     * @param imageType the image dtype, null when no statistic needs the image
     */
    String unsupportedReason(Features features, DType maskType, DType imageType);

    /**
     * Aggregates the whole of {@code mask} and {@code image} (null when no statistic needs it).
     *
     * @throws AcceleratorException when the accelerator fails (AUTO then runs the CPU engine)
     */
    LabelState run(ChunkedArray mask, ChunkedArray image, Features features, EngineOptions options);
}
