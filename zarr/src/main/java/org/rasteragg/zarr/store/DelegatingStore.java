package org.rasteragg.zarr.store;

import java.util.List;

/**
 * A store passing every call of {@link Store}'s own methods to another (the default methods work
 * through them), for stores that alter one behaviour: stop writing on an interrupt, and in tests fail,
 * misbehave or slow down.
 */
public abstract class DelegatingStore implements Store {

    protected final Store delegate;

    protected DelegatingStore(Store delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] get(String key) {
        return delegate.get(key);
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public List<String> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void put(String key, byte[] value) {
        delegate.put(key, value);
    }

    @Override
    public void delete(String path) {
        delegate.delete(path);
    }

    @Override
    public void rename(String from, String to) {
        delegate.rename(from, to);
    }

    @Override
    public String description() {
        return delegate.description();
    }
}
