package org.rasteragg.core.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;

/**
 * Until the JIT's C2 compiler has compiled {@link VectorChannelReducer}, its vector operations run
 * as Java objects (the API's fallback), many times slower than the scalar reducer: in a fresh
 * process that was half of the CPU time of a 4096^2 run. So a kernel starts with the scalar reducer
 * (the same bits); once a JVM has reduced {@link #SCALAR_VOXELS} voxels (a large image), one daemon
 * thread per JVM and reducer configuration runs both reducers on a
 * small synthetic block until the vector one beats the scalar one's best time {@link #FASTER_CALLS}
 * calls in a row (compiled and intrinsified: C1's code of the fallback is faster than the
 * interpreter's but still slower than scalar); from then on kernels use the vector reducer. If that
 * never happens within {@link #MAX_CALLS} calls (a JVM without C2, say), kernels stay scalar.
 * Thread-safe.
 */
final class VectorWarmup {

    /** Calls in a row in which the vector reducer must beat the scalar one's best time. */
    static final int FASTER_CALLS = 3;
    static final int MAX_CALLS = 4000;
    private static final int ROWS = 16;
    private static final int WIDTH = 64;
    private static final int LABELS = 7;

    private static final Map<Key, VectorWarmup> WARMUPS = new ConcurrentHashMap<>();
    /**
     * Voxels the scalar reducer handles in a JVM before the warm-up starts: compiling the vector code
     * costs about a CPU-second, more than it saves on images up to about 4096^2 (16.8 million voxels).
     */
    static final long SCALAR_VOXELS = 40_000_000L;
    private static final java.util.concurrent.atomic.AtomicLong SCALAR_SO_FAR = new java.util.concurrent.atomic.AtomicLong();

    private record Key(Features features, DType type, int channels) {
    }

    private volatile boolean warm;
    private volatile boolean finished;

    private VectorWarmup() {
    }

    /** The warm-up of the vector reducer for this configuration; started on the first request. */
    static VectorWarmup of(Features features, DType type, int channels) {
        return WARMUPS.computeIfAbsent(new Key(features, type, channels), k -> {
            VectorWarmup w = new VectorWarmup();
            Thread t = new Thread(() -> w.run(k), "rasteragg-vector-warmup");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
            return w;
        });
    }

    /** The warm-up of one kernel's configuration, started once {@link #SCALAR_VOXELS} voxels went scalar. */
    static final class Deferred {

        private final Key key;
        private VectorWarmup started;

        Deferred(Features features, DType type, int channels) {
            this.key = new Key(features, type, channels);
        }

        /** Whether to use the vector reducer for a block of {@code voxels} voxels. */
        boolean warm(long voxels) {
            if (started == null) {
                if (SCALAR_SO_FAR.addAndGet(voxels) < SCALAR_VOXELS) {
                    return false;
                }
                started = of(key.features(), key.type(), key.channels());
            }
            return started.warm();
        }
    }

    /** Whether the vector reducer runs compiled. */
    boolean warm() {
        return warm;
    }

    /** Whether the warm-up has ended, warm or not (for tests). */
    boolean finished() {
        return finished;
    }

    private void run(Key k) {
        try {
            VectorChannelReducer reducer = new VectorChannelReducer(k.features());
            Object[] image = syntheticImage(k.type(), k.channels());
            Block block = new Block(0, new long[3], new int[] {1, ROWS, WIDTH}, new long[3], new long[4]);
            int[] chunkShape = {k.channels(), 1, ROWS, WIDTH};
            int[] slotOf = new int[ROWS * WIDTH];
            long[] counts = new long[LABELS];
            for (int v = 0; v < slotOf.length; v++) {
                slotOf[v] = (v / 5) % LABELS; // runs of five voxels, labels in turn
                counts[slotOf[v]]++;
            }
            IntegerChannelReducer scalar = new IntegerChannelReducer(k.features());
            long scalarBest = Long.MAX_VALUE;
            int fasterInARow = 0;
            for (int call = 0; call < MAX_CALLS && !warm; call++) {
                scalarBest = Math.min(scalarBest, time(scalar, block, image, k, chunkShape, slotOf, counts));
                long vector = time(reducer, block, image, k, chunkShape, slotOf, counts);
                fasterInARow = vector < scalarBest ? fasterInARow + 1 : 0;
                warm = fasterInARow >= FASTER_CALLS;
            }
        } catch (RuntimeException | LinkageError e) {
            // the vector reducer cannot run here: kernels keep the scalar one
        } finally {
            finished = true;
        }
    }

    private static long time(ChannelReducer r, Block block, Object[] image, Key k, int[] chunkShape, int[] slotOf,
            long[] counts) {
        BlockPartial p = partial(k.channels(), counts);
        long t0 = System.nanoTime();
        r.reduce(block, new ImageRows(block, image, k.type(), chunkShape), slotOf, counts, p);
        return System.nanoTime() - t0;
    }

    private static Object[] syntheticImage(DType type, int channels) {
        Object chunk = type.allocate(channels * ROWS * WIDTH);
        for (int i = 0; i < channels * ROWS * WIDTH; i++) {
            int v = (i * 7919) % 113;
            if (chunk instanceof byte[] b) {
                b[i] = (byte) v;
            } else {
                ((short[]) chunk)[i] = (short) v;
            }
        }
        return new Object[] {chunk};
    }

    private static BlockPartial partial(int channels, long[] counts) {
        int n = LABELS * channels;
        return new BlockPartial(LABELS, channels, new long[LABELS], counts.clone(), null, new double[n],
                new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
    }
}
