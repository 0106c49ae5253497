package org.rasteragg.gpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.synthetic.SyntheticTissue;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.store.FileSystemStore;

/**
 * The GPU check for a machine with a CUDA device (gpu/device-check.sh runs it): the CPU and GPU
 * engines on the same data, every statistic compared by {@link ResultDiff}, with timings. Cases:
 * synthetic tissue held in memory (16384^2 x 8 channels uint16, and a 3D stack) and the same kind
 * of data read from a Zarr store (blosc lz4) that it writes first. Exit status 0 when every case
 * matches, 1 when one differs, 2 when no GPU can be used.
 *
 * <p>{@code DeviceCheck [--small] [--emulate] [zarr folder]}: --small runs a minute-long version;
 * --emulate runs the GPU engine's pipeline on {@link KernelEmulation} instead of a device (to try the
 * check and its packaging where there is no GPU).
 */
public final class DeviceCheck {

    private record Case(String name, ChunkedArray mask, ChunkedArray image) {
    }

    private static boolean emulate;

    private DeviceCheck() {
    }

    private static GpuEngine.Run gpu(ChunkedArray mask, ChunkedArray image, Features f, EngineOptions o) {
        if (!emulate) {
            return CudaAcceleratorProvider.runTimed(mask, image, f, o);
        }
        return GpuEngine.run(mask, image, f, o,
                ch -> new EmulatedReducer(ch, f.momentOrder(), f.center(), f.minMax(), image.dtype()));
    }

    public static void main(String[] args) throws Exception {
        boolean small = List.of(args).contains("--small");
        emulate = List.of(args).contains("--emulate");
        Path zarrRoot = Path.of(args.length > 0 && !args[args.length - 1].startsWith("--") ? args[args.length - 1]
                : "/tmp/rasteragg-device-check.zarr");
        CudaAcceleratorProvider provider = new CudaAcceleratorProvider();
        String reason = provider.unavailableReason();
        if (reason != null && !emulate) {
            System.out.println("GPU unavailable: " + reason);
            System.exit(2);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("device: %s; %d CPU threads; max heap %d GB%n",
                emulate ? "none (--emulate: the kernel's arithmetic in Java)" : CudaAcceleratorProvider.deviceName(), threads,
                Runtime.getRuntime().maxMemory() >> 30);
        int side = small ? 2048 : 16384;
        List<Case> cases = new ArrayList<>();
        long t0 = System.nanoTime();
        SyntheticTissue flat = new SyntheticTissue(new long[] {1, side, side}, 180, 8, 1);
        cases.add(new Case("memory 2D " + side + "^2 x 8 uint16", new HeldArray(flat.labels(new int[] {1, 2048, 2048})),
                new HeldArray(flat.image(new int[] {8, 1, 2048, 2048}))));
        SyntheticTissue stack = new SyntheticTissue(new long[] {small ? 16 : 64, small ? 512 : 1024, small ? 512 : 1024}, 2000, 4, 2);
        cases.add(new Case("memory 3D " + (small ? "16x512^2" : "64x1024^2") + " x 4 uint16",
                new HeldArray(stack.labels(new int[] {32, 256, 256})), new HeldArray(stack.image(new int[] {4, 32, 256, 256}))));
        System.out.printf("generated in-memory data in %.1f s%n", seconds(System.nanoTime() - t0));
        t0 = System.nanoTime();
        int zside = small ? 2048 : 8192;
        SyntheticTissue z = new SyntheticTissue(new long[] {1, zside, zside}, 180, 8, 3);
        cases.add(new Case("zarr 2D " + zside + "^2 x 8 uint16 blosc-lz4",
                writeZarr(zarrRoot, "labels", z.labels(new int[] {1, 1024, 1024})),
                writeZarr(zarrRoot, "image", z.image(new int[] {8, 1, 1024, 1024}))));
        System.out.printf("wrote %s in %.1f s%n", zarrRoot, seconds(System.nanoTime() - t0));

        warmUp(threads);
        System.out.printf("%-40s %10s %9s %8s %8s %8s %9s %9s %9s %9s  %s%n", "case", "voxels", "labels", "cpu_s",
                "gpu_s", "speedup", "decode_s", "h2d_s", "kernel_s", "readbk_s", "comparison");
        boolean allSame = true;
        Set<Statistic> all = Statistic.all();
        Features features = Features.of(all);
        EngineOptions options = EngineOptions.defaults().withThreads(threads);
        for (Case c : cases) {
            long c0 = System.nanoTime();
            AggregationResult cpu = AggregationResult.compute(AggregationEngine.run(c.mask(), c.image(), features, options),
                    all, null, c.image().dtype(), "cell_ID", "shapeSize");
            long cpuNanos = System.nanoTime() - c0;
            long g0 = System.nanoTime();
            GpuEngine.Run run = gpu(c.mask(), c.image(), features, options);
            AggregationResult gpu = AggregationResult.compute(run.state(), all, null, c.image().dtype(), "cell_ID",
                    "shapeSize");
            long gpuNanos = System.nanoTime() - g0;
            ResultDiff diff = ResultDiff.of(gpu, cpu);
            List<String> notes = new ArrayList<>(diff.mismatches());
            boolean same = diff.mismatches().isEmpty() && refereed(c, diff, notes);
            allSame &= same;
            System.out.printf("%-40s %10d %9d %8.2f %8.2f %7.1fx %9.2f %9.2f %9.2f %9.2f  %s%n", c.name(),
                    voxels(c.mask().grid()), cpu.labels().length, seconds(cpuNanos), seconds(gpuNanos),
                    (double) cpuNanos / gpuNanos, seconds(run.decodeNanos()) / threads,
                    seconds(run.device().transferNanos()), seconds(run.device().kernelNanos()),
                    seconds(run.device().readBackNanos()), !same ? "DIFFERENT"
                            : String.format("same (worst moment vs CPU %.1e%s)", diff.worstMoment(),
                                    diff.suspects().isEmpty() ? "" : "; GPU exact where CPU is not"));
            notes.forEach(m -> System.out.println("    " + m));
        }
        System.out.println("decode_s is worker time per thread; h2d_s and kernel_s are device time summed over blocks "
                + "(streams overlap them)");
        System.out.println(allSame ? "RESULT: every statistic matches the CPU engine, or the exact value where the CPU engine is off"
                : "RESULT: DIFFERENCES FOUND");
        System.exit(allSame ? 0 : 1);
    }

    /**
     * Decides the suspects of {@code diff} by the exact reference: the GPU passes where it is within
     * the tolerance of the exact value. Adds one line per suspect to {@code notes}.
     */
    private static boolean refereed(Case c, ResultDiff diff, List<String> notes) {
        if (diff.suspects().isEmpty()) {
            return true;
        }
        java.util.Set<Long> labels = new java.util.TreeSet<>();
        diff.suspects().forEach(s -> labels.add(s.label()));
        var sums = ExactReference.powerSums(c.mask(), c.image(), labels);
        boolean ok = true;
        for (ResultDiff.Suspect s : diff.suspects()) {
            double exact = ExactReference.statistic(s.statistic(), sums.get(s.label())[s.channel()]);
            double gpuError = s.error(s.gpu(), exact);
            double cpuError = s.error(s.cpu(), exact);
            ok &= gpuError <= ResultDiff.TOLERANCE;
            notes.add(String.format("%s channel %d label %d (%s voxels): GPU %s (error %.1e), CPU %s (error %.1e), "
                    + "exact %s", s.statistic().key(), s.channel(), s.label(), sums.get(s.label())[s.channel()][0],
                    s.gpu(), gpuError, s.cpu(), cpuError, exact));
        }
        return ok;
    }

    /** JIT-compiles both engines on a small case so that the timed runs measure steady state. */
    private static void warmUp(int threads) {
        SyntheticTissue t = new SyntheticTissue(new long[] {1, 1024, 1024}, 180, 8, 9);
        ChunkedArray mask = t.labels(new int[] {1, 512, 512});
        ChunkedArray image = t.image(new int[] {8, 1, 512, 512});
        Features f = Features.of(Statistic.all());
        EngineOptions o = EngineOptions.defaults().withThreads(threads);
        for (int i = 0; i < 3; i++) {
            AggregationEngine.run(mask, image, f, o);
            gpu(mask, image, f, o);
        }
    }

    private static ChunkedArray writeZarr(Path root, String name, ChunkedArray source) throws Exception {
        Files.createDirectories(root);
        ChunkGrid g = source.grid();
        ZarrArrayWriter w = ZarrArrayWriter.builder(new FileSystemStore(root), name).zarrFormat(3).shape(g.shape())
                .chunks(g.chunkShape()).dtype(source.dtype())
                .compressor(new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, source.dtype().byteSize(), 0))
                .overwrite(true).create();
        long[] gridShape = g.gridShape();
        IntStream.range(0, Math.toIntExact(g.chunkCount())).parallel().forEach(i -> {
            long[] p = HeldArray.position(i, gridShape);
            Object buffer = source.dtype().allocate(g.chunkElements());
            source.readChunk(p, buffer);
            w.writeChunk(p, buffer);
        });
        return Zarr.open(root, name);
    }

    private static long voxels(ChunkGrid g) {
        long[] s = g.shape();
        return s[0] * s[1] * s[2];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
