package org.rasteragg.core.kernel;

import org.rasteragg.core.array.DType;
import org.rasteragg.core.state.Features;

/**
 * Whether the JDK's vector API (module {@code jdk.incubator.vector}, an incubator module in Java
 * 17 to 25) is available, and the reducer that uses it. The module is only resolved when the JVM
 * starts with {@code --add-modules jdk.incubator.vector} (the launcher and the build do); without
 * it every image goes through the scalar reducers, which give the same bits.
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
        if (!AVAILABLE || channels < 2 || !VectorChannelReducer.handles(type)) {
            return null;
        }
        return new VectorChannelReducer(features);
    }
}
