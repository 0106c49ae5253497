package org.rasteragg.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.table.AggregationResult;

/** Runs the GPU engine's pipeline on the kernel emulation and the CPU engine, and compares them. */
final class EngineComparison {

    private EngineComparison() {
    }

    static AggregationResult emulated(ChunkedArray mask, ChunkedArray image, Set<Statistic> stats, int threads) {
        Features f = Features.of(stats);
        ChunkedArray img = f.needsImage() ? image : null;
        GpuEngine.Run run = GpuEngine.run(mask, img, f, EngineOptions.defaults().withThreads(threads),
                ch -> new EmulatedReducer(ch, f.momentOrder(), f.center(), f.minMax(), img == null ? null : img.dtype()));
        return AggregationResult.compute(run.state(), stats, null, image == null ? null : image.dtype(), "cell_ID",
                "shapeSize");
    }

    static AggregationResult cpu(ChunkedArray mask, ChunkedArray image, Set<Statistic> stats, int threads) {
        Features f = Features.of(stats);
        return AggregationResult.compute(AggregationEngine.run(mask, f.needsImage() ? image : null, f,
                EngineOptions.defaults().withThreads(threads)), stats, null, image == null ? null : image.dtype(),
                "cell_ID", "shapeSize");
    }

    /** The contract, see {@link ResultDiff}. */
    static void assertSame(AggregationResult gpu, AggregationResult cpu, String context) {
        ResultDiff diff = ResultDiff.of(gpu, cpu);
        assertThat(diff.mismatches()).as(context).isEmpty();
        assertThat(diff.suspects()).as(context).isEmpty();
        assertThat(gpu.statistics()).as(context).isEqualTo(cpu.statistics());
    }
}
