package org.rasteragg.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;

/**
 * A run that fails returns only once no worker reads a chunk any more: the caller (the Python
 * package's dask arrays, a store the user closes next) must not have its source read behind its
 * back after the error reached it, nor see a thread inside its code at interpreter exit.
 */
class FailedRunReadersTest {

    /** Rows of 1 x 4: chunk row 0 fails once row 1's read is under way; row 1's read takes 300 ms. */
    private static final class FailingWhileAnotherReads implements ChunkedArray {
        private final InMemoryArray data = new InMemoryArray(DType.INT32, new int[16], new long[] {1, 4, 4},
                new int[] {1, 1, 4});
        final CountDownLatch secondStarted = new CountDownLatch(1);
        final AtomicInteger reading = new AtomicInteger();
        volatile boolean secondFinished;

        @Override
        public DType dtype() {
            return data.dtype();
        }

        @Override
        public ChunkGrid grid() {
            return data.grid();
        }

        @Override
        public void readChunk(long[] position, Object destination) {
            reading.incrementAndGet();
            try {
                if (position[1] == 0) {
                    awaitQuietly(secondStarted);
                    throw new IllegalStateException("mask chunk (0, 0, 0) is corrupt");
                }
                if (position[1] == 1) {
                    secondStarted.countDown();
                    sleepThrough(300);
                    secondFinished = true;
                }
                data.readChunk(position, destination);
            } finally {
                reading.decrementAndGet();
            }
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Like a read in foreign code (a Python chunk source), it does not stop when interrupted. */
        private static void sleepThrough(long millis) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            boolean interrupted = false;
            for (long left; (left = end - System.nanoTime()) > 0; ) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void theErrorReachesTheCallerOnlyAfterTheOtherReadsEnded() {
        FailingWhileAnotherReads mask = new FailingWhileAnotherReads();
        RasterAggregator aggregator = RasterAggregator.builder().mask(mask).threads(2).build();

        assertThatThrownBy(() -> aggregator.aggregateAll(EnumSet.of(Statistic.COUNT), null))
                .hasMessageContaining("mask chunk (0, 0, 0) is corrupt");

        assertThat(mask.secondStarted.getCount()).as("the second row's read ran beside the failing one").isZero();
        assertThat(mask.secondFinished).as("the second row's read ended before the error was thrown").isTrue();
        assertThat(mask.reading.get()).as("reads still under way").isZero();
    }
}
