package org.rasteragg.bench.jmh;

import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.kernel.BlockKernel;
import org.rasteragg.core.kernel.BlockPartial;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.synthetic.SyntheticTissue;

/**
 * The per-block kernel on one 1024 x 1024 block of 4 uint16 channels: label lookup alone (count),
 * first moments (mean), all moments, and the merge of a block partial into a label state.
 * Run: {@code java -cp bench/target/rasteragg-bench.jar org.openjdk.jmh.Main KernelBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {

    private static final int SIZE = 1024;
    private static final int CHANNELS = 4;

    @Param({"count", "mean", "all"})
    public String statistics;

    private Object mask;
    private Object[] image;
    private Block block;
    private BlockKernel kernel;
    private BlockPartial partial;
    private Features features;

    @Setup
    public void setUp() {
        SyntheticTissue tissue = new SyntheticTissue(new long[] {1, SIZE, SIZE}, 180, CHANNELS, 7);
        mask = DType.UINT32.allocate(SIZE * SIZE);
        tissue.labels(new int[] {1, SIZE, SIZE}).readChunk(new long[] {0, 0, 0}, mask);
        image = new Object[] {DType.UINT16.allocate(CHANNELS * SIZE * SIZE)};
        tissue.image(new int[] {CHANNELS, 1, SIZE, SIZE}).readChunk(new long[] {0, 0, 0, 0}, image[0]);
        block = new Block(0, new long[] {0, 0, 0}, new int[] {1, SIZE, SIZE}, new long[] {0, 0, 0},
                new long[] {0, 0, 0});
        features = switch (statistics) {
            case "count" -> Features.of(EnumSet.of(Statistic.COUNT));
            case "mean" -> Features.of(EnumSet.of(Statistic.MEAN));
            default -> Features.of(Statistic.all());
        };
        kernel = new BlockKernel(features);
        partial = process();
    }

    private BlockPartial process() {
        return kernel.process(block, mask, DType.UINT32, new int[] {1, SIZE, SIZE}, image, DType.UINT16,
                new int[] {CHANNELS, 1, SIZE, SIZE}, CHANNELS);
    }

    @Benchmark
    public BlockPartial kernel() {
        return process();
    }

    @Benchmark
    public LabelState mergeBlockIntoState() {
        LabelState state = new LabelState(features, CHANNELS, partial.labelCount);
        state.add(partial);
        return state;
    }
}
