package org.rasteragg.job.out;

import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rasteragg.zarr.store.DelegatingStore;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreIOException;

/**
 * A store that an interrupt can stop writing: a shutdown hook runs while the writing thread still
 * runs, so a hook that removed a half-written table could be followed by one more object of it,
 * which nothing would then remove. Every write (put, putFile, delete, rename) holds a read lock;
 * {@link #stop} takes the write lock, so it returns once no write is in flight, and every later
 * write fails. Reads pass through. Thread-safe.
 */
final class StoppableStore extends DelegatingStore {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean stopped;

    StoppableStore(Store store) {
        super(store);
    }

    /** Waits for the write in flight, if any; no write starts after. */
    void stop() {
        lock.writeLock().lock();
        try {
            stopped = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void write(String what, Runnable write) {
        lock.readLock().lock();
        try {
            if (stopped) {
                throw new StoreIOException(description() + ": " + what + ": interrupted (the run is ending)");
            }
            write.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void put(String key, byte[] value) {
        write("cannot write '" + key + "'", () -> delegate.put(key, value));
    }

    @Override
    public void putFile(String key, Path file) {
        write("cannot write '" + key + "'", () -> delegate.putFile(key, file));
    }

    @Override
    public void delete(String path) {
        write("cannot delete '" + path + "'", () -> delegate.delete(path));
    }

    @Override
    public void rename(String from, String to) {
        write("cannot rename '" + from + "'", () -> delegate.rename(from, to));
    }
}
