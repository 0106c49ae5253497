package org.rasteragg.zarr.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A store held in memory, for tests and small scratch data. Thread-safe; values are copied in and
 * out so callers cannot alter stored bytes.
 */
public final class MemoryStore implements Store {

    private final ConcurrentSkipListMap<String, byte[]> values = new ConcurrentSkipListMap<>();
    private final String name;

    public MemoryStore() {
        this("memory");
    }

    public MemoryStore(String name) {
        this.name = name;
    }

    @Override
    public byte[] get(String key) {
        byte[] v = values.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public boolean exists(String key) {
        return values.containsKey(key);
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String k : values.tailMap(prefix, true).keySet()) {
            if (!k.startsWith(prefix)) {
                break;
            }
            keys.add(k);
        }
        return keys;
    }

    @Override
    public void put(String key, byte[] value) {
        values.put(key, value.clone());
    }

    @Override
    public void delete(String path) {
        values.remove(path);
        if (path.isEmpty()) {
            values.clear();
            return;
        }
        for (String k : list(path + "/")) {
            values.remove(k);
        }
    }

    /** Not atomic against concurrent writers under {@code from}; fine for tests. */
    @Override
    public synchronized void rename(String from, String to) {
        if (values.containsKey(to) || !list(to + "/").isEmpty()) {
            throw new StoreIOException(description() + ": cannot rename '" + from + "' to existing '" + to + "'");
        }
        byte[] single = values.remove(from);
        if (single != null) {
            values.put(to, single);
        }
        List<String> under = list(from + "/");
        if (single == null && under.isEmpty()) {
            throw new StoreIOException(description() + ": cannot rename missing '" + from + "'");
        }
        for (String k : under) {
            values.put(to + k.substring(from.length()), values.remove(k));
        }
    }

    @Override
    public String description() {
        return name;
    }

    /** A snapshot of all keys and values (copies), for debugging and tests. */
    public Map<String, byte[]> snapshot() {
        Map<String, byte[]> copy = new java.util.TreeMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
