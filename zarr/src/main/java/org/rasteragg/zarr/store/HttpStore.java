package org.rasteragg.zarr.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * A read-only store over HTTP(S): key "a/b" is {@code GET base/a/b} (with the base URL's query
 * string, for signed URLs), range reads send {@code Range}, a 404 is an absent key (the fill value
 * for a chunk). Other statuses fail naming the URL and the status; 5xx, 408, 429, connection
 * failures, truncated bodies and timeouts are retried by the {@link RetryPolicy}. A body is used only
 * when its length is exactly what the headers promised, so a cut connection never yields a
 * wrong number.
 *
 * <p>HTTP cannot list: {@link #list} and {@link #children} answer from consolidated metadata or
 * OME-NGFF attributes ({@link MetadataListing}). One {@link HttpClient} per store keeps connections
 * alive and reused across requests. Objects are assumed not to change while the store reads them
 * (sizes seen in responses are remembered). Thread-safe.
 */
public final class HttpStore extends RemoteStore {

    private final String base;
    private final String query;
    private final HttpClient client;
    private final StoreOptions options;
    private final MetadataListing listing;

    /** A store rooted at {@code location} (http or https); a trailing slash is added when missing. */
    public HttpStore(URI location, StoreOptions options) {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + location);
        }
        String path = location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath();
        this.base = scheme + "://" + location.getRawAuthority() + (path.endsWith("/") ? path : path + "/");
        this.query = location.getRawQuery();
        this.options = options;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(options.requestTimeout()).build();
        this.listing = new MetadataListing(this::readWhole, base);
    }

    /** The URL of {@code key}. */
    public URI uri(String key) {
        StringBuilder sb = new StringBuilder(base);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '/' || unreserved(c)) {
                sb.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
        if (query != null) {
            sb.append('?').append(query);
        }
        return URI.create(sb.toString());
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    @Override
    public byte[] get(String key) {
        return key.equals(".zmetadata") ? listing.zmetadata() : super.get(key);
    }

    private byte[] readWhole(String key) {
        return super.get(key);
    }

    @Override
    protected Fetched fetch(String key, String range) {
        Reply r = send(key, "GET", range);
        if (r == null) {
            return null;
        }
        if (r.status() != 206) {
            return new Fetched(r.body(), null);
        }
        String contentRange = r.headers().firstValue("Content-Range").orElse(null);
        if (contentRange == null) {
            throw new StoreIOException(uri(key) + ": a 206 answer without Content-Range");
        }
        return new Fetched(r.body(), contentRange);
    }

    @Override
    protected long head(String key) {
        Reply r = send(key, "HEAD", null);
        if (r == null) {
            return -1;
        }
        OptionalLong length = r.headers().firstValueAsLong("Content-Length");
        if (length.isPresent()) {
            return length.getAsLong();
        }
        // No length on HEAD (chunked encoding): a one-byte suffix tells the total.
        Tail t = getTail(key, 1);
        return t == null ? -1 : t.valueSize();
    }

    @Override
    protected String url(String key) {
        return uri(key).toString();
    }

    @Override
    public List<String> list(String prefix) {
        return listing.list(prefix);
    }

    @Override
    public List<String> children(String path) {
        return listing.children(path);
    }

    @Override
    public void put(String key, byte[] value) {
        throw readOnly("write '" + key + "'");
    }

    @Override
    public void delete(String path) {
        throw readOnly("delete '" + path + "'");
    }

    @Override
    public void rename(String from, String to) {
        throw readOnly("rename '" + from + "'");
    }

    private ReadOnlyStoreException readOnly(String what) {
        return new ReadOnlyStoreException(base + ": cannot " + what + ": HTTP stores are read-only");
    }

    @Override
    public String description() {
        return base.substring(0, base.length() - 1);
    }

    /** A response whose body is complete; null stands for 404/410 (absent key). */
    private record Reply(int status, HttpHeaders headers, byte[] body) {
    }

    private Reply send(String key, String method, String range) {
        URI uri = uri(key);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout());
        b = method.equals("HEAD") ? b.method("HEAD", HttpRequest.BodyPublishers.noBody()) : b.GET();
        if (range != null) {
            b.header("Range", range);
        }
        HttpRequest request = b.build();
        String what = method + " " + uri + (range == null ? "" : " (" + range + ")");
        return options.retry().call(what, () -> attempt(request, method));
    }

    private Reply attempt(HttpRequest request, String method) throws RetryPolicy.TransientFailure {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new RetryPolicy.TransientFailure("no complete response within " + options.requestTimeout().toMillis()
                    + " ms", e);
        } catch (IOException e) {
            // Connection refused or reset, or a body cut short (the client checks Content-Length).
            throw new RetryPolicy.TransientFailure(e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreIOException(request.method() + " " + request.uri() + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            return null;
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new RetryPolicy.TransientFailure("HTTP " + status + reason(response.body()), null);
        }
        if (status != 200 && !(status == 206 && request.headers().firstValue("Range").isPresent())) {
            throw new StoreIOException(request.method() + " " + request.uri() + ": HTTP " + status
                    + reason(response.body()));
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        OptionalLong promised = response.headers().firstValueAsLong("Content-Length");
        if (!method.equals("HEAD") && promised.isPresent() && promised.getAsLong() != body.length) {
            throw new RetryPolicy.TransientFailure("truncated body: " + body.length + " of " + promised.getAsLong()
                    + " bytes", null);
        }
        return new Reply(status, response.headers(), body);
    }

    /** The start of an error body (S3-style servers say "SlowDown" there), for the message. */
    private static String reason(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                .trim();
        return text.isEmpty() ? "" : " (" + text + ")";
    }
}
