package org.rasteragg.job.options;

import org.rasteragg.core.GpuMode;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.job.JobException;
import picocli.CommandLine.Option;

/**
 * The {@code --gpu auto|on|off} option of the command and the Spark job (a picocli mixin: one
 * declaration, one help text), harpy's {@code run_on_gpu}.
 */
public final class GpuOption {

    @Option(names = "--gpu", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Where to aggregate: auto (default) uses a CUDA GPU when the rasteragg-gpu module, a driver "
                    + "and a device are found and every statistic has a GPU kernel, else the CPU, saying so in one "
                    + "line; on: the GPU or exit 1 saying why; off: the CPU.")
    String value;

    /** The chosen mode. @throws JobException (usage) for a value that is not auto, on or off */
    public GpuMode mode() {
        try {
            return GpuMode.fromOption(value == null ? "auto" : value);
        } catch (InvalidInputException e) {
            throw JobException.usage("--gpu: " + e.getMessage());
        }
    }
}
