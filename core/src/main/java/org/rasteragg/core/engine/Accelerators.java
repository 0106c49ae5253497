package org.rasteragg.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.rasteragg.core.GpuMode;
import org.rasteragg.core.GpuUnavailableException;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;

/**
 * Runs an aggregation on an accelerator or the CPU as a {@link GpuMode} says: AUTO takes the first
 * installed {@link AcceleratorProvider} that is available and supports the request, else the CPU
 * engine with one line to {@code notice}; ON throws {@link GpuUnavailableException} with that line
 * instead; OFF runs the CPU engine. A provider that fails while running ({@link AcceleratorException})
 * counts as unavailable.
 *
 * <p>Thread-safe.
 */
public final class Accelerators {

    private static volatile List<AcceleratorProvider> installed;

    private Accelerators() {
    }

    /** The providers on the class path, loaded once. */
    public static List<AcceleratorProvider> installed() {
        List<AcceleratorProvider> list = installed;
        if (list == null) {
            List<AcceleratorProvider> found = new ArrayList<>();
            try {
                for (AcceleratorProvider p : ServiceLoader.load(AcceleratorProvider.class)) {
                    found.add(p);
                }
            } catch (ServiceConfigurationError e) {
                // A broken provider jar must not stop the CPU engine; AUTO reports no provider.
            }
            list = List.copyOf(found);
            installed = list;
        }
        return list;
    }

    /**
     * The decision for one request among the installed providers: the provider to use, or null
     * (CPU) with the reason.
     *
     * @param image the image, null when no statistic needs it
     */
    public static Choice choose(GpuMode mode, ChunkedArray mask, ChunkedArray image, Features features) {
        return choose(mode, installed(), mask, image, features);
    }

    /** {@link #choose} among {@code providers}, in order. */
    public static Choice choose(GpuMode mode, List<AcceleratorProvider> providers, ChunkedArray mask,
            ChunkedArray image, Features features) {
        if (mode == GpuMode.OFF) {
            return new Choice(null, null);
        }
        if (providers.isEmpty()) {
            return new Choice(null, "no GPU engine is installed (module rasteragg-gpu is not on the class path)");
        }
        String reason = null;
        for (AcceleratorProvider p : providers) {
            // What the request needs first: it is cheap and true on any machine.
            String why = p.unsupportedReason(features, mask.dtype(), image == null ? null : image.dtype());
            if (why == null) {
                why = p.unavailableReason();
            }
            if (why == null) {
                return new Choice(p, null);
            }
            reason = reason == null ? why : reason;
        }
        return new Choice(null, reason);
    }

    /** Runs the aggregation where {@code mode} says, among the installed providers; see the class comment. */
    public static LabelState run(GpuMode mode, ChunkedArray mask, ChunkedArray image, Features features,
            EngineOptions options, Consumer<String> notice) {
        return run(mode, installed(), mask, image, features, options, notice);
    }

    /**
     * {@link #run} among {@code providers}. An {@link AcceleratorException} during the run reruns
     * it on the CPU in AUTO (with a notice) and becomes a {@link GpuUnavailableException} in ON.
     */
    public static LabelState run(GpuMode mode, List<AcceleratorProvider> providers, ChunkedArray mask,
            ChunkedArray image, Features features, EngineOptions options, Consumer<String> notice) {
        Choice choice = choose(mode, providers, mask, image, features);
        String reason = choice.reason();
        if (choice.provider() != null) {
            try {
                return choice.provider().run(mask, image, features, options);
            } catch (AcceleratorException e) {
                reason = choice.provider().name() + " failed: " + e.getMessage();
            }
        }
        if (mode == GpuMode.ON) {
            throw new GpuUnavailableException("GPU mode on, but cannot run on a GPU: " + reason);
        }
        if (mode == GpuMode.AUTO && notice != null) {
            notice.accept("rasteragg: running on the CPU: " + reason);
        }
        return AggregationEngine.run(mask, image, features, options);
    }

    /**
     * @param provider the accelerator to run on, null for the CPU
     * @param reason why not an accelerator (null with a provider, or in mode OFF)
     */
    public record Choice(AcceleratorProvider provider, String reason) {
    }
}
