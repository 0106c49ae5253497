package org.rasteragg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.zarr.prefetch.TissueStores;
import org.rasteragg.zarr.s3.S3ProxyServer;
import org.rasteragg.zarr.store.FaultyHttpServer;
import org.rasteragg.zarr.store.FileSystemStore;
import org.rasteragg.zarr.store.Stores;

/**
 * Hand-run timing of the whole {@code rasteragg stats} command (every statistic, CSV out) on the
 * bench's 4096 x 4096 store (chunks 1024 x 1024, 4 uint16 channels, blosc-lz4) from local disk, over
 * HTTP and from S3 (s3proxy, signed) on loopback: the three run in turn, several rounds, medians
 * printed with the most requests the HTTP server saw at once. Not a test (timings belong to bench);
 * disabled unless {@code -Drasteragg.remote.measure=true}:
 * <pre>
 * ./mvnw -q -B -o -pl cli -am test -Dtest=RemoteStatsMeasurement -Drasteragg.remote.measure=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Drasteragg.remote.side=2048} and {@code -Drasteragg.remote.rounds=5} change size and rounds.
 */
@EnabledIfSystemProperty(named = "rasteragg.remote.measure", matches = "true")
class RemoteStatsMeasurement {

    @Test
    void timeTheCommandLocalHttpAndS3() throws Exception {
        int side = Integer.getInteger("rasteragg.remote.side", 4096);
        int rounds = Integer.getInteger("rasteragg.remote.rounds", 3);
        Path dir = Files.createTempDirectory("rasteragg-remote-stats");
        try (FaultyHttpServer http = FaultyHttpServer.serving(dir); S3ProxyServer s3 = S3ProxyServer.signed()) {
            Path root = TissueStores.write(dir.resolve("bench.zarr"), 2, new long[] {1, side, side},
                    new int[] {1, 1024, 1024}, new int[] {1, 1024, 1024}, 180);
            S3ProxyServer.upload(root, Stores.open("s3://bucket/bench.zarr", s3.options()));
            Map<String, String[]> runs = new LinkedHashMap<>();
            runs.put("local", new String[] {"--sdata", root.toString()});
            runs.put("http", new String[] {"--sdata", http.uri("bench.zarr").toString()});
            runs.put("s3", new String[] {"--sdata", "s3://bucket/bench.zarr", "--s3-endpoint", s3.endpoint().toString()});
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            String reference = null;
            for (int r = -1; r < rounds; r++) {
                for (Map.Entry<String, String[]> e : runs.entrySet()) {
                    Path csv = dir.resolve(e.getKey() + ".csv");
                    List<String> args = new ArrayList<>(List.of("stats", "--labels-name", "cells", "--image-name",
                            "image", "-q", "--csv", csv.toString()));
                    args.addAll(Arrays.asList(e.getValue()));
                    long t0 = System.nanoTime();
                    Cli c = Cli.run(new ZarrBackend(), args.toArray(String[]::new));
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (c.code() != 0) {
                        throw new AssertionError(e.getKey() + ": " + c.err());
                    }
                    String text = Files.readString(csv);
                    if (reference == null) {
                        reference = text;
                    } else if (!reference.equals(text)) {
                        throw new AssertionError(e.getKey() + ": CSV differs from the local one");
                    }
                    if (r >= 0) { // round -1 warms the JIT and the page cache
                        seconds.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
                    }
                }
            }
            double local = median(seconds.get("local"));
            seconds.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-6s median %.2f s of %s (%.2fx local)%n", k,
                    median(v), v, median(v) / local));
            System.out.printf(Locale.ROOT, "http: %d requests, at most %d at once%n", http.requests(),
                    http.peakInFlight());
        } finally {
            new FileSystemStore(dir).delete("");
        }
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
