package org.rasteragg.zarr.store;

import java.util.List;

/**
 * The part of a store under a key prefix, as a store of its own: key "a/b" of the view is key
 * "prefix/a/b" of the base. Lets one open store (one S3 client, one HTTP connection pool) serve
 * several Zarr hierarchies. Thread-safe when the base is.
 */
public final class PrefixedStore implements Store {

    private final Store base;
    private final String prefix;

    private PrefixedStore(Store base, String prefix) {
        this.base = base;
        this.prefix = Store.join(prefix);
    }

    /** {@code base} under {@code prefix}, or {@code base} itself for an empty prefix. */
    public static Store of(Store base, String prefix) {
        return Store.join(prefix).isEmpty() ? base : new PrefixedStore(base, prefix);
    }

    private String full(String key) {
        return Store.join(prefix, key);
    }

    private List<String> relative(List<String> keys) {
        return keys.stream().map(k -> k.substring(prefix.length() + 1)).toList();
    }

    @Override
    public byte[] get(String key) {
        return base.get(full(key));
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        return base.getRange(full(key), offset, length);
    }

    @Override
    public Tail getTail(String key, int length) {
        return base.getTail(full(key), length);
    }

    @Override
    public long size(String key) {
        return base.size(full(key));
    }

    @Override
    public boolean exists(String key) {
        return base.exists(full(key));
    }

    @Override
    public List<String> list(String keyPrefix) {
        return relative(base.list(prefix + "/" + keyPrefix));
    }

    @Override
    public List<String> children(String path) {
        return base.children(full(path));
    }

    @Override
    public void put(String key, byte[] value) {
        base.put(full(key), value);
    }

    @Override
    public void delete(String path) {
        base.delete(full(path));
    }

    @Override
    public void rename(String from, String to) {
        base.rename(full(from), full(to));
    }

    @Override
    public String description() {
        return base.description() + "/" + prefix;
    }
}
