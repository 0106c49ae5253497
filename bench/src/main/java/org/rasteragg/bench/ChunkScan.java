package org.rasteragg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;

/**
 * The floor for any method that reads the data: decode every chunk of the given arrays and touch
 * every value (sum them, so the JIT cannot skip the reads), on the same number of threads as the
 * engine. Thread-safe (stateless).
 */
final class ChunkScan {

    private ChunkScan() {
    }

    /** Reads every chunk of every array; returns the sum of all values (to keep the work observable). */
    static long scan(List<ChunkedArray> arrays, int threads) {
        List<Runnable> tasks = new ArrayList<>();
        AtomicLong total = new AtomicLong();
        for (ChunkedArray array : arrays) {
            ChunkGrid grid = array.grid();
            ThreadLocal<Object> buffers = ThreadLocal.withInitial(() -> array.dtype().allocate(grid.chunkElements()));
            long[] gridShape = grid.gridShape();
            for (long i = 0; i < grid.chunkCount(); i++) {
                long[] position = new long[gridShape.length];
                long rest = i;
                for (int d = gridShape.length - 1; d >= 0; d--) {
                    position[d] = rest % gridShape[d];
                    rest /= gridShape[d];
                }
                tasks.add(() -> {
                    Object buffer = buffers.get();
                    array.readChunk(position, buffer);
                    total.addAndGet(sum(buffer));
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable t : tasks) {
                futures.add(pool.submit(t));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return total.get();
    }

    private static long sum(Object buffer) {
        long s = 0;
        if (buffer instanceof short[] a) {
            for (short v : a) {
                s += v & 0xFFFF;
            }
        } else if (buffer instanceof int[] a) {
            for (int v : a) {
                s += v;
            }
        } else if (buffer instanceof byte[] a) {
            for (byte v : a) {
                s += v & 0xFF;
            }
        } else if (buffer instanceof long[] a) {
            for (long v : a) {
                s += v;
            }
        } else if (buffer instanceof float[] a) {
            for (float v : a) {
                s += (long) v;
            }
        } else if (buffer instanceof double[] a) {
            for (double v : a) {
                s += (long) v;
            }
        }
        return s;
    }
}
