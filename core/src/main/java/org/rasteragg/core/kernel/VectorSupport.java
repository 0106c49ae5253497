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
     * float64 lanes) with two channels or more (channels fill the vector lanes). It is made, and the
     * vector API's classes loaded (some 50, 70 ms on a cold run's first block), only once the
     * warm-up has compiled it: a run that ends before, as any up to about 4096^2 does, never pays.
     */
    static ChannelReducer reducerFor(Features features, DType type, int channels) {
        if (!applies(type, channels)) {
            return null;
        }
        return new WarmingReducer(features, new IntegerChannelReducer(features),
                new VectorWarmup.Deferred(features, type, channels));
    }

    /** {@link #reducerFor} without the warm-up: the vector reducer itself, or null. */
    static ChannelReducer vectorReducerFor(Features features, DType type, int channels) {
        return applies(type, channels) ? new VectorChannelReducer(features) : null;
    }

    /** Whether the vector reducer handles images of {@code type} with {@code channels} channels here. */
    private static boolean applies(DType type, int channels) {
        return AVAILABLE && channels >= 2
                && (type == DType.UINT8 || type == DType.INT8 || type == DType.UINT16 || type == DType.INT16);
    }

    /** The vector reducer once it runs compiled (made then), the scalar one before (see {@link VectorWarmup}). */
    private static final class WarmingReducer implements ChannelReducer {

        private final Features features;
        private final ChannelReducer scalar;
        private final VectorWarmup.Deferred warmup;
        private ChannelReducer vector;

        WarmingReducer(Features features, ChannelReducer scalar, VectorWarmup.Deferred warmup) {
            this.features = features;
            this.scalar = scalar;
            this.warmup = warmup;
        }

        @Override
        public void reduce(Block block, ImageRows rows, int[] slotOf, long[] counts, BlockPartial p) {
            if (!warmup.warm(block.voxels())) {
                scalar.reduce(block, rows, slotOf, counts, p);
                return;
            }
            if (vector == null) {
                vector = new VectorChannelReducer(features);
            }
            vector.reduce(block, rows, slotOf, counts, p);
        }
    }
}
