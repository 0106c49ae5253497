package org.rasteragg.zarr.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP server on 127.0.0.1 (random port) for tests: it serves a folder as a static file
 * server does (GET, HEAD, single byte ranges and suffix ranges, 404 for what is absent), or forwards
 * every request to an upstream server (to put faults in front of s3proxy). Faults are injected per
 * path: the first {@code n} requests of every path matching a predicate get the fault, so that a
 * client with enough retries must recover and one with too few must report. Counts requests and
 * the most requests it ever handled at once. Thread-safe; {@link #close} stops it.
 */
public final class FaultyHttpServer implements AutoCloseable {

    /** What goes wrong with a request. */
    public enum Fault {
        /** 503 with an S3-style SlowDown body. */
        SLOW_DOWN,
        /** 500 Internal Server Error. */
        SERVER_ERROR,
        /** Headers promise the whole body, half of it is sent, then the connection is closed. */
        CLOSE_MID_BODY,
        /** The response starts only after {@link #slowMillis}. */
        SLOW,
        /** 403 Forbidden: not a fault a retry cures. */
        FORBIDDEN
    }

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each response waits
        // for the client's delayed ACK (40 ms). Read once, when the server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64);
    private final Path folder;
    private final URI upstream;
    private final HttpClient forwarder;
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile Fault fault;
    private volatile int faultyTries;
    private volatile Predicate<String> faultyPaths = p -> true;
    private volatile long slowMillis = 2000;

    private FaultyHttpServer(Path folder, URI upstream) throws IOException {
        this.folder = folder;
        this.upstream = upstream;
        this.forwarder = upstream == null ? null : HttpClient.newHttpClient();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server of the files under {@code folder}. */
    public static FaultyHttpServer serving(Path folder) throws IOException {
        return new FaultyHttpServer(folder, null);
    }

    /** A server that forwards every request to {@code upstream} ("http://127.0.0.1:port"). */
    public static FaultyHttpServer proxying(URI upstream) throws IOException {
        return new FaultyHttpServer(null, upstream);
    }

    /** The URL of a path under the root ("a.zarr" -> http://127.0.0.1:port/a.zarr). */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    /** From now on the first {@code tries} requests of every path matching {@code paths} get {@code what}. */
    public FaultyHttpServer inject(Fault what, int tries, Predicate<String> paths) {
        seen.clear();
        faultyPaths = paths;
        faultyTries = tries;
        fault = what;
        return this;
    }

    /** How long a {@link Fault#SLOW} response waits. */
    public FaultyHttpServer slowMillis(long millis) {
        slowMillis = millis;
        return this;
    }

    /** Requests handled so far. */
    public int requests() {
        return requests.get();
    }

    /** The most requests handled at the same time. */
    public int peakInFlight() {
        return peak.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        peak.accumulateAndGet(active.incrementAndGet(), Math::max);
        try (ex) {
            String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            Fault f = fault;
            boolean faulty = f != null && faultyPaths.test(path)
                    && seen.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet() <= faultyTries;
            if (faulty && f == Fault.SLOW) {
                sleep(slowMillis);
            }
            if (faulty && (f == Fault.SLOW_DOWN || f == Fault.SERVER_ERROR || f == Fault.FORBIDDEN)) {
                byte[] body = (f == Fault.SLOW_DOWN ? "<Error><Code>SlowDown</Code><Message>Please reduce your request "
                        + "rate.</Message></Error>" : f == Fault.FORBIDDEN ? "<Error><Code>AccessDenied</Code></Error>"
                        : "internal error").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(f == Fault.SLOW_DOWN ? 503 : f == Fault.FORBIDDEN ? 403 : 500, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            Response r = upstream == null ? fromFolder(ex, path) : forward(ex);
            r.headers.forEach((k, v) -> ex.getResponseHeaders().put(k, v));
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (head) {
                if (!ex.getResponseHeaders().containsKey("Content-Length")) {
                    ex.getResponseHeaders().set("Content-Length", String.valueOf(r.body.length));
                }
                ex.sendResponseHeaders(r.status, -1);
                return;
            }
            ex.sendResponseHeaders(r.status, r.body.length == 0 ? -1 : r.body.length);
            OutputStream out = ex.getResponseBody();
            if (faulty && f == Fault.CLOSE_MID_BODY && r.body.length > 1) {
                out.write(r.body, 0, r.body.length / 2);
                out.flush();
                // Closing the exchange with bytes still owed makes the server drop the connection.
                return;
            }
            out.write(r.body);
        } catch (IOException | RuntimeException e) {
            // The client went away or the fault closed the connection: nothing more to say to it.
        } finally {
            active.decrementAndGet();
        }
    }

    private record Response(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private Response fromFolder(HttpExchange ex, String path) throws IOException {
        Path file = folder.resolve(path.substring(1)).normalize();
        if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
            return new Response(404, Map.of(), "not found".getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = Files.readAllBytes(file);
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range == null) {
            return new Response(200, Map.of(), all);
        }
        long first;
        long last;
        String spec = range.substring("bytes=".length());
        if (spec.startsWith("-")) {
            long n = Long.parseLong(spec.substring(1));
            first = Math.max(0, all.length - n);
            last = all.length - 1;
        } else {
            first = Long.parseLong(spec.substring(0, spec.indexOf('-')));
            String end = spec.substring(spec.indexOf('-') + 1);
            last = end.isEmpty() ? all.length - 1 : Math.min(all.length - 1, Long.parseLong(end));
        }
        if (first >= all.length || first > last) {
            return new Response(416, Map.of("Content-Range", List.of("bytes */" + all.length)), new byte[0]);
        }
        byte[] part = java.util.Arrays.copyOfRange(all, (int) first, (int) last + 1);
        return new Response(206, Map.of("Content-Range", List.of("bytes " + first + "-" + last + "/" + all.length)),
                part);
    }

    private Response forward(HttpExchange ex) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())));
        ex.getRequestHeaders().forEach((k, values) -> {
            if (!HOP_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> b.header(k, v));
            }
        });
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        b.method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = forwarder.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new java.util.HashMap<>();
            r.headers().map().forEach((k, v) -> {
                if (!HOP_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.startsWith(":")) {
                    headers.put(k, v);
                }
            });
            if (ex.getRequestMethod().equals("HEAD")) {
                r.headers().firstValue("content-length").ifPresent(v -> headers.put("Content-Length", List.of(v)));
            }
            return new Response(r.statusCode(), headers, r.body() == null ? new byte[0] : r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
