package org.rasteragg.core.engine;

/**
 * How the engine runs.
 *
 * @param threads worker threads (1 = in the calling thread); default: available processors
 * @param maxMemoryBytes a bound on the engine's memory (label state plus blocks in flight) that it
 *     keeps to by using fewer threads, and refuses clearly when impossible; 0 = no bound
 * @param progress told after each block
 */
public record EngineOptions(int threads, long maxMemoryBytes, ProgressListener progress) {

    public EngineOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("max memory must not be negative: " + maxMemoryBytes);
        }
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    public static EngineOptions defaults() {
        return new EngineOptions(Runtime.getRuntime().availableProcessors(), 0, ProgressListener.NONE);
    }

    public EngineOptions withThreads(int n) {
        return new EngineOptions(n, maxMemoryBytes, progress);
    }

    public EngineOptions withMaxMemory(long bytes) {
        return new EngineOptions(threads, bytes, progress);
    }

    public EngineOptions withProgress(ProgressListener listener) {
        return new EngineOptions(threads, maxMemoryBytes, listener);
    }
}
