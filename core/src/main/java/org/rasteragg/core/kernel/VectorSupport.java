package org.rasteragg.core.kernel;

import org.rasteragg.core.array.DType;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;

/**
 * Whether the JDK's vector API (module {@code jdk.incubator.vector}, an incubator module in Java
 * 17 to 25) is available, and the reducer that uses it. The module is only resolved when the JVM
 * starts with {@code --add-modules jdk.incubator.vector} (the launcher and the build do); without
 * it every image goes through the scalar reducers, which give the same bits. In a fresh JVM the
 * scalar reducer also runs until the vector one is compiled ({@link VectorWarmup}).
 */
final class VectorSupport {

    /** Set {@code -Drasteragg.vector=false} to use the scalar reducers even when the module is present. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("rasteragg.vector"));

    private VectorSupport() {
    }

    /**
     * The vector reducer when it applies: images of integers up to 16 bits (their sums are exact in
     * float64 lanes) with two channels or more (channels fill the vector lanes).
     */
    static ChannelReducer reducerFor(Features features, DType type, int channels) {
        ChannelReducer vector = vectorReducerFor(features, type, channels);
        return vector == null ? null : new WarmingReducer(vector, new IntegerChannelReducer(features),
                new VectorWarmup.Deferred(features, type, channels));
    }

    /** {@link #reducerFor} without the warm-up: the vector reducer itself, or null. */
    static ChannelReducer vectorReducerFor(Features features, DType type, int channels) {
        if (!AVAILABLE || channels < 2 || !VectorChannelReducer.handles(type)) {
            return null;
        }
        return new VectorChannelReducer(features);
    }

    /** The vector reducer once it runs compiled, the scalar one before (see {@link VectorWarmup}). */
    private record WarmingReducer(ChannelReducer vector, ChannelReducer scalar, VectorWarmup.Deferred warmup)
            implements ChannelReducer {

        @Override
        public void reduce(Block block, ImageRows rows, int[] slotOf, long[] counts, BlockPartial p) {
            (warmup.warm(block.voxels()) ? vector : scalar).reduce(block, rows, slotOf, counts, p);
        }
    }
}
