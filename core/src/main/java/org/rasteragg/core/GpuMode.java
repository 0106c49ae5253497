package org.rasteragg.core;

/**
 * Whether an aggregation runs on a GPU (harpy's {@code run_on_gpu}), see
 * {@link RasterAggregator.Builder#gpu}.
 */
public enum GpuMode {
    /** The GPU when a provider is installed, a driver and a device are found and every statistic has a kernel; else the CPU, with a one-line notice. */
    AUTO,
    /** The GPU, or a {@link GpuUnavailableException} saying why not. */
    ON,
    /** The CPU engine. */
    OFF;

    /** The mode of a {@code --gpu auto|on|off} option (any case). */
    public static GpuMode fromOption(String value) {
        for (GpuMode m : values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new InvalidInputException("GPU mode '" + value + "' is not one of auto, on, off");
    }
}
