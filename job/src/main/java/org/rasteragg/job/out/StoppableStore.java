package org.rasteragg.job.out;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreIOException;

/**
 * A store that an interrupt can stop writing: a shutdown hook runs while the writing thread still
 * runs, so a hook that removed a half-written table could be followed by one more object of it,
 * which nothing would then remove. Every write (put, putFile, delete, rename) holds a read lock;
 * {@link #stop} takes the write lock, so it returns once no write is in flight, and every later
 * write fails. Reads pass through. Thread-safe.
 */
final class StoppableStore implements Store {

    private final Store store;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean stopped;

    StoppableStore(Store store) {
        this.store = store;
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
                throw new StoreIOException(store.description() + ": " + what + ": interrupted (the run is ending)");
            }
            write.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void put(String key, byte[] value) {
        write("cannot write '" + key + "'", () -> store.put(key, value));
    }

    @Override
    public void putFile(String key, Path file) {
        write("cannot write '" + key + "'", () -> store.putFile(key, file));
    }

    @Override
    public void delete(String path) {
        write("cannot delete '" + path + "'", () -> store.delete(path));
    }

    @Override
    public void rename(String from, String to) {
        write("cannot rename '" + from + "'", () -> store.rename(from, to));
    }

    @Override
    public byte[] get(String key) {
        return store.get(key);
    }

    @Override
    public byte[] get(String key, long maxBytes) {
        return store.get(key, maxBytes);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        return store.getRange(key, offset, length);
    }

    @Override
    public Tail getTail(String key, int length) {
        return store.getTail(key, length);
    }

    @Override
    public long size(String key) {
        return store.size(key);
    }

    @Override
    public boolean exists(String key) {
        return store.exists(key);
    }

    @Override
    public List<String> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public List<String> children(String path) {
        return store.children(path);
    }

    @Override
    public String description() {
        return store.description();
    }
}
