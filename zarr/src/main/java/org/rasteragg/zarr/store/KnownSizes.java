package org.rasteragg.zarr.store;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Sizes of remote values already seen in a response, so that the shard reader's size check costs no
 * request: a remote store assumes its objects do not change while it reads them. Bounded: cleared
 * when it grows past its limit (no eviction order needed). Thread-safe.
 */
final class KnownSizes {

    private static final int LIMIT = 65_536;

    private final ConcurrentHashMap<String, Long> sizes = new ConcurrentHashMap<>();

    /** The size of {@code key}, or null when not known. */
    Long get(String key) {
        return sizes.get(key);
    }

    void put(String key, long size) {
        if (sizes.size() >= LIMIT) {
            sizes.clear();
        }
        sizes.put(key, size);
    }

    void forgetUnder(String path) {
        sizes.keySet().removeIf(k -> k.equals(path) || path.isEmpty() || k.startsWith(path + "/"));
    }
}
