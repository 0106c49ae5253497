package org.rasteragg.gpu;

import java.util.Set;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.engine.AcceleratorProvider;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;

/**
 * The CUDA engine as core's {@link AcceleratorProvider} (registered in META-INF/services). It runs
 * every statistic (count, sum, mean, var, skew, kurtosis, min, max, center of mass) of mask-only
 * requests and of 8- and 16-bit integer images, from exact integer power sums. Other image dtypes
 * (32- and 64-bit integers, float32, float64) have no GPU kernel: their fourth powers do not fit
 * 128-bit sums, and float sums in device atomics would depend on the order of the atomics, so
 * AUTO runs them on the CPU engine.
 *
 * <p>The device is opened on the first {@link #unavailableReason} (once per JVM). Nothing here
 * touches the foreign function API unless the JVM resolved {@code jdk.incubator.foreign} and the
 * driver library is on the linker's paths ({@link DriverLibrary}), so without either the provider
 * only says so. Thread-safe.
 */
public final class CudaAcceleratorProvider implements AcceleratorProvider {

    static final Set<DType> IMAGE_TYPES = Set.of(DType.UINT8, DType.INT8, DType.UINT16, DType.INT16);

    private static final Object LOCK = new Object();
    private static volatile Object device; // a CudaDevice, or the String why not

    @Override
    public String name() {
        return "CUDA GPU";
    }

    @Override
    public String unavailableReason() {
        Object d = device();
        return d instanceof String reason ? reason : null;
    }

    private static Object device() {
        Object d = device;
        if (d == null) {
            synchronized (LOCK) {
                d = device;
                if (d == null) {
                    d = probe();
                    device = d;
                }
            }
        }
        return d;
    }

    private static Object probe() {
        if (ModuleLayer.boot().findModule("jdk.incubator.foreign").isEmpty()) {
            return "the JVM runs without the module jdk.incubator.foreign that the CUDA binding needs "
                    + "(java --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED)";
        }
        if (!DriverLibrary.findable(CudaDriver.LIBRARY, System.getenv("LD_LIBRARY_PATH"))) {
            return "no CUDA driver library (" + CudaDriver.LIBRARY + "): not found in " + DriverLibrary.searched();
        }
        try {
            return CudaDevice.open();
        } catch (CudaException e) {
            return e.getMessage();
        } catch (IllegalCallerException e) {
            return "the JVM runs without --enable-native-access=ALL-UNNAMED that the CUDA binding needs";
        } catch (RuntimeException | LinkageError e) {
            // IllegalCallerException without native access, UnsatisfiedLinkError, ...: never fatal.
            return "cannot use the CUDA driver: " + e;
        }
    }

    @Override
    public String unsupportedReason(Features features, DType maskType, DType imageType) {
        if (!features.harpyOnly()) {
            return "bbox, wcenter, axes, median and quantiles have no GPU kernel (the GPU engine computes count, sum, "
                    + "mean, var, std, skew, kurtosis, min, max and center)";
        }
        if (imageType != null && !IMAGE_TYPES.contains(imageType)) {
            return "image dtype " + imageType.numpyName() + " has no GPU kernel (the GPU engine takes uint8, int8, "
                    + "uint16 and int16 images)";
        }
        return null;
    }

    @Override
    public LabelState run(ChunkedArray mask, ChunkedArray image, Features features, EngineOptions options) {
        return runTimed(mask, image, features, options).state();
    }

    /** {@link #run} with the timings (for the device check). */
    static GpuEngine.Run runTimed(ChunkedArray mask, ChunkedArray image, Features features, EngineOptions options) {
        Object d = device();
        if (d instanceof String reason) {
            throw new CudaException(reason);
        }
        CudaDevice cuda = (CudaDevice) d;
        DType imageType = features.needsImage() ? image.dtype() : null;
        return GpuEngine.run(mask, features.needsImage() ? image : null, features, options,
                channels -> new CudaReducer(cuda, channels, features.momentOrder(), features.center(), features.minMax(),
                        imageType));
    }

    /** The device's name, or null when unavailable. */
    static String deviceName() {
        return device() instanceof CudaDevice c ? c.name : null;
    }
}
