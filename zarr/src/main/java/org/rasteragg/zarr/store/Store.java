package org.rasteragg.zarr.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Bytes by key, the storage abstraction under every Zarr node. Keys are '/'-separated relative
 * paths without a leading slash ("labels/cells/0/.zarray"); the empty string is the root.
 *
 * <p>Implementations must be safe for concurrent use from several threads: concurrent
 * {@link #get} calls, and concurrent {@link #put} calls on distinct keys.
 */
public interface Store {

    /** The whole value of {@code key}, or {@code null} when the key does not exist. */
    byte[] get(String key);

    /**
     * The whole value of {@code key} when it holds at most {@code maxBytes} bytes, or {@code null}
     * when the key does not exist. A larger value fails with {@link StoreIOException} naming the
     * key and both sizes; implementations that can learn the size first (a file, an HTTP length)
     * must do so and never read more than {@code maxBytes + 1} bytes.
     */
    default byte[] get(String key, long maxBytes) {
        byte[] all = get(key);
        if (all != null && all.length > maxBytes) {
            throw tooLarge(this, key, all.length, maxBytes);
        }
        return all;
    }

    /** The error of {@link #get(String, long)} for a value past its cap. */
    static StoreIOException tooLarge(Store store, String key, long size, long maxBytes) {
        return new StoreIOException(store.description() + ": '" + key + "' holds " + size
                + " bytes, more than the " + maxBytes + " it can legitimately hold; refusing to read it");
    }

    /**
     * {@code length} bytes of {@code key} from {@code offset}, or {@code null} when the key does not
     * exist. Fails with {@link StoreIOException} when the range runs past the end of the value.
     */
    default byte[] getRange(String key, long offset, int length) {
        byte[] all = get(key);
        if (all == null) {
            return null;
        }
        if (offset < 0 || length < 0 || offset + length > all.length) {
            throw new StoreIOException(description() + ": range [" + offset + ", " + (offset + length)
                    + ") outside value of '" + key + "' holding " + all.length + " bytes");
        }
        byte[] part = new byte[length];
        System.arraycopy(all, (int) offset, part, 0, length);
        return part;
    }

    /**
     * The last {@code min(length, size)} bytes of {@code key} with the size of the whole value, or
     * {@code null} when the key does not exist: what a shard index at the end needs. Remote stores
     * answer it with one suffix-range request instead of a size request and a range request.
     */
    default Tail getTail(String key, int length) {
        long size = size(key);
        if (size < 0) {
            return null;
        }
        int n = (int) Math.min(length, size);
        byte[] bytes = getRange(key, size - n, n);
        return bytes == null ? null : new Tail(bytes, size);
    }

    /** The end of a value and the size of the whole value. */
    record Tail(byte[] bytes, long valueSize) {
    }

    /** Size in bytes of the value of {@code key}, or -1 when it does not exist. */
    default long size(String key) {
        byte[] all = get(key);
        return all == null ? -1 : all.length;
    }

    /** Whether {@code key} holds a value. */
    boolean exists(String key);

    /** Every key that starts with {@code prefix} (a plain string prefix), sorted. */
    List<String> list(String prefix);

    /**
     * Names of the direct children (keys or sub-folders) of the node {@code path} ("" for the root),
     * sorted: for keys "a/b/c" and "a/d" the children of "a" are "b" and "d".
     */
    default List<String> children(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        TreeSet<String> names = new TreeSet<>();
        for (String key : list(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            names.add(slash < 0 ? rest : rest.substring(0, slash));
        }
        return new ArrayList<>(names);
    }

    /** Writes {@code value} at {@code key}, replacing any value; readers never see a partial value. */
    void put(String key, byte[] value);

    /**
     * Writes the content of {@code file} at {@code key}, replacing any value; readers never see a
     * partial value. Object stores override it to stream large files (S3: a multipart upload).
     */
    default void putFile(String key, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreIOException(description() + ": cannot read " + file + " for '" + key + "': "
                    + e.getMessage(), e);
        }
        put(key, bytes);
    }

    /** Removes {@code path} and everything under {@code path + "/"}; nothing happens when absent. */
    void delete(String path);

    /**
     * Moves the node {@code from} (a key or a folder with everything under it) to {@code to}, which
     * must not exist. On a file system this is one atomic rename.
     */
    void rename(String from, String to);

    /** Human-readable location of the store, used in messages. */
    String description();

    /** Joins path parts with '/', skipping empty ones. */
    static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p == null || p.isEmpty()) {
                continue;
            }
            String trimmed = p;
            while (trimmed.startsWith("/")) {
                trimmed = trimmed.substring(1);
            }
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(trimmed);
        }
        return sb.toString();
    }
}
