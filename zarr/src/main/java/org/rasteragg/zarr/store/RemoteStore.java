package org.rasteragg.zarr.store;

import java.util.Arrays;

/**
 * What remote stores (HTTP, S3) share: whole, ranged and suffix reads over one primitive, a GET
 * with an optional {@code Range} header that returns a complete body, and the checks that a range
 * answer is exactly what was asked for, so that a server that ignores ranges (a 200 with the whole
 * value) or answers another range never yields wrong bytes. Sizes seen in responses are remembered
 * ({@link KnownSizes}): objects are assumed not to change while the store reads them.
 * Thread-safe when the subclass's primitives are.
 */
public abstract class RemoteStore implements Store {

    private final KnownSizes sizes = new KnownSizes();

    /**
     * A complete response body, with the {@code Content-Range} header of a partial answer
     * ("bytes F-L/T"), or null when the body is the whole value.
     */
    public record Fetched(byte[] body, String contentRange) {
    }

    /**
     * GETs {@code key}, the part {@code range} ("bytes=F-L" or "bytes=-N") when not null; null when
     * the key does not exist. Retries and error messages are the subclass's.
     */
    protected abstract Fetched fetch(String key, String range);

    /** The size of {@code key} without reading it (HEAD), or -1 when it does not exist. */
    protected abstract long head(String key);

    /** The URL of {@code key}, for messages. */
    protected abstract String url(String key);

    /** Forgets remembered sizes of {@code path} and everything under it (after a write or delete). */
    protected final void forgetSizes(String path) {
        sizes.forgetUnder(path);
    }

    @Override
    public byte[] get(String key) {
        Fetched f = fetch(key, null);
        if (f == null) {
            return null;
        }
        sizes.put(key, f.body().length);
        return f.body();
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new StoreIOException(url(key) + ": invalid range at " + offset + " of " + length + " bytes");
        }
        Long known = sizes.get(key);
        if (length == 0 || known != null) {
            long size = known != null ? known : size(key);
            if (size < 0) {
                return null;
            }
            checkInside(key, offset, length, size);
            if (length == 0) {
                return new byte[0];
            }
        }
        long last = offset + length - 1;
        Fetched f = fetch(key, "bytes=" + offset + "-" + last);
        if (f == null) {
            return null;
        }
        byte[] body = f.body();
        if (f.contentRange() == null) {
            sizes.put(key, body.length);
            checkInside(key, offset, length, body.length);
            return Arrays.copyOfRange(body, (int) offset, (int) offset + length);
        }
        ContentRange range = ContentRange.parse(f.contentRange(), url(key));
        if (range.total() >= 0) {
            sizes.put(key, range.total());
        }
        if (range.first() != offset || range.last() != last || body.length != length) {
            if (range.total() >= 0) {
                checkInside(key, offset, length, range.total());
            }
            throw new StoreIOException(url(key) + ": asked for bytes " + offset + "-" + last + ", the server sent "
                    + range + " with " + body.length + " bytes");
        }
        return body;
    }

    @Override
    public Tail getTail(String key, int length) {
        if (length <= 0) {
            long size = size(key);
            return size < 0 ? null : new Tail(new byte[0], size);
        }
        Fetched f = fetch(key, "bytes=-" + length);
        if (f == null) {
            return null;
        }
        byte[] body = f.body();
        if (f.contentRange() == null) {
            sizes.put(key, body.length);
            int n = Math.min(length, body.length);
            return new Tail(Arrays.copyOfRange(body, body.length - n, body.length), body.length);
        }
        ContentRange range = ContentRange.parse(f.contentRange(), url(key));
        long expected = Math.min(length, range.total());
        if (range.total() < 0 || range.last() != range.total() - 1 || body.length != expected
                || range.last() - range.first() + 1 != expected) {
            throw new StoreIOException(url(key) + ": asked for the last " + length + " bytes, the server sent " + range
                    + " with " + body.length + " bytes");
        }
        sizes.put(key, range.total());
        return new Tail(body, range.total());
    }

    @Override
    public long size(String key) {
        Long known = sizes.get(key);
        if (known != null) {
            return known;
        }
        long size = head(key);
        if (size >= 0) {
            sizes.put(key, size);
        }
        return size;
    }

    @Override
    public boolean exists(String key) {
        return size(key) >= 0;
    }

    private void checkInside(String key, long offset, int length, long size) {
        if (offset + length > size) {
            throw new StoreIOException(url(key) + ": range [" + offset + ", " + (offset + length) + ") outside the "
                    + size + " bytes of '" + key + "'");
        }
    }

    /** A parsed {@code Content-Range: bytes FIRST-LAST/TOTAL} ({@code TOTAL} "*" is -1). */
    private record ContentRange(long first, long last, long total) {

        static ContentRange parse(String header, String url) {
            try {
                if (!header.startsWith("bytes ")) {
                    throw new NumberFormatException(header);
                }
                String spec = header.substring(6).trim();
                int dash = spec.indexOf('-');
                int slash = spec.indexOf('/');
                long first = Long.parseLong(spec.substring(0, dash));
                long last = Long.parseLong(spec.substring(dash + 1, slash));
                String t = spec.substring(slash + 1);
                return new ContentRange(first, last, t.equals("*") ? -1 : Long.parseLong(t));
            } catch (RuntimeException e) {
                throw new StoreIOException(url + ": a partial answer with an unusable Content-Range '" + header + "'", e);
            }
        }

        @Override
        public String toString() {
            return "bytes " + first + "-" + last + "/" + (total < 0 ? "*" : total);
        }
    }
}
