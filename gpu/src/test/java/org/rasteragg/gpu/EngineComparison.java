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

    /**
     * The contract: count, sum, min, max and center bit-identical; mean and var within
     * 1e-12 relative; skew and kurtosis (dimensionless, O(1)) within 1e-12 absolute or relative.
     */
    static void assertSame(AggregationResult gpu, AggregationResult cpu, String context) {
        assertThat(gpu.labels()).as(context + " labels").containsExactly(cpu.labels());
        assertThat(gpu.counts()).as(context + " counts").containsExactly(cpu.counts());
        for (Statistic s : cpu.statistics()) {
            if (s == Statistic.COUNT) {
                continue;
            }
            if (s == Statistic.CENTER) {
                for (int a = 0; a < 3; a++) {
                    assertThat(gpu.center(a)).as(context + " center " + a).containsExactly(cpu.center(a));
                }
                continue;
            }
            for (int c = 0; c < cpu.channels(); c++) {
                double[] g = gpu.values(s, c);
                double[] e = cpu.values(s, c);
                String what = context + " " + s.key() + " channel " + c;
                if (s == Statistic.SUM || s == Statistic.MIN || s == Statistic.MAX) {
                    assertThat(g).as(what).containsExactly(e);
                } else {
                    for (int r = 0; r < e.length; r++) {
                        double scale = s == Statistic.SKEW || s == Statistic.KURTOSIS ? Math.max(1, Math.abs(e[r]))
                                : Math.abs(e[r]);
                        assertThat(Math.abs(g[r] - e[r])).as(what + " row " + r + ": " + g[r] + " vs " + e[r])
                                .isLessThanOrEqualTo(1e-12 * scale);
                    }
                }
            }
        }
    }
}
