package org.rasteragg.core.table;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rasteragg.core.engine.BlockChunks;

/**
 * Splits index ranges over a few threads while a result is built (sorting, lookups and columns of a
 * million labels take a noticeable share of a run). With one thread everything runs on the caller.
 * Not thread-safe; close it when done.
 */
final class RangeTasks implements AutoCloseable {

    /** Work on {@code [from, to)}; returns a count to be summed (e.g. undefined values). */
    @FunctionalInterface
    interface RangeTask {
        long run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    RangeTasks(int threads) {
        this.threads = Math.max(1, threads);
        AtomicInteger n = new AtomicInteger();
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "rasteragg-result-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether more than one thread works. */
    boolean parallel() {
        return pool != null;
    }

    /** Runs {@code task} over {@code [0, n)} in a few ranges; returns the sum of what they return. */
    long forRanges(int n, RangeTask task) {
        int parts = pool == null || n < 4096 ? 1 : threads * 4;
        if (parts == 1) {
            return task.run(0, n);
        }
        List<Callable<Long>> calls = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            calls.add(() -> task.run(from, to));
        }
        long total = 0;
        for (Future<Long> f : invokeAll(calls)) {
            total += BlockChunks.await(f);
        }
        return total;
    }

    /**
     * {@code count} new arrays of {@code length} doubles, each allocated on a thread of the pool: the
     * JVM zeroes a new array where it is allocated, and for the columns of 10^7 rows that first touch
     * of the memory costs as much as writing the values, so it is spread over the threads too.
     */
    double[][] newColumns(int count, int length) {
        if (pool == null || length < (1 << 16) || count < 2) {
            return new double[count][length];
        }
        List<Callable<double[]>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(() -> new double[length]);
        }
        double[][] columns = new double[count][];
        List<Future<double[]>> made = invokeAll(calls);
        for (int i = 0; i < count; i++) {
            columns[i] = BlockChunks.await(made.get(i));
        }
        return columns;
    }

    private <T> List<Future<T>> invokeAll(List<Callable<T>> calls) {
        try {
            return pool.invokeAll(calls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the result", e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
