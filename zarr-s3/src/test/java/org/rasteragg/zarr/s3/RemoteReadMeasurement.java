package org.rasteragg.zarr.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.rasteragg.zarr.prefetch.BlockOrderPrefetch;
import org.rasteragg.zarr.prefetch.TissueStores;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.FaultyHttpServer;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/**
 * Hand-run timing of every statistic on a bench-like 2D store (4096 x 4096, chunks 1024 x 1024, 4
 * uint16 channels, blosc-lz4) from local disk, from HTTP and from S3 (s3proxy) on loopback, read
 * directly and with prefetch; prints seconds and the most requests the servers saw at once. Not a
 * test (timings go in the bench module); disabled unless {@code -Drasteragg.remote.measure=true}:
 * <pre>
 * ./mvnw -q -B -o -pl zarr-s3 -am test -Dtest=RemoteReadMeasurement -Drasteragg.remote.measure=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Drasteragg.remote.side=2048} picks another size.
 */
@EnabledIfSystemProperty(named = "rasteragg.remote.measure", matches = "true")
class RemoteReadMeasurement {

    @Test
    void timeStatsLocalHttpAndS3() throws Exception {
        int side = Integer.getInteger("rasteragg.remote.side", 4096);
        Path dir = Files.createTempDirectory("rasteragg-remote-measure");
        try {
            measure(dir, side);
        } finally {
            new org.rasteragg.zarr.store.FileSystemStore(dir).delete("");
        }
    }

    private static void measure(Path dir, int side) throws Exception {
        Path root = TissueStores.write(dir.resolve("bench.zarr"), 2, new long[] {1, side, side},
                new int[] {1, 1024, 1024}, new int[] {1, 1024, 1024}, 180);
        String local = time("local, direct", () -> TissueStores.statsCsv(SpatialDataStore.open(root)));
        try (FaultyHttpServer http = FaultyHttpServer.serving(dir)) {
            SpatialDataStore sd = SpatialDataStore.open(http.uri("bench.zarr").toString(), StoreOptions.DEFAULT);
            check(local, time("http, direct", () -> TissueStores.statsCsv(sd)));
            check(local, timePrefetched("http, prefetch", sd));
            System.out.printf(Locale.ROOT, "http: %d requests, at most %d at once%n", http.requests(), http.peakInFlight());
        }
        try (S3ProxyServer s3 = S3ProxyServer.signed()) {
            S3ProxyServer.upload(root, Stores.open("s3://bucket/bench.zarr", s3.options()));
            SpatialDataStore sd = SpatialDataStore.open("s3://bucket/bench.zarr", s3.options());
            check(local, time("s3, direct", () -> TissueStores.statsCsv(sd)));
            check(local, timePrefetched("s3, prefetch", sd));
        }
    }

    private static String timePrefetched(String what, SpatialDataStore sd) {
        int[] peak = new int[1];
        String csv = time(what, () -> {
            TissueStores.Prefetched p = TissueStores.statsCsvPrefetched(sd, BlockOrderPrefetch.DEFAULT_BUDGET_BYTES,
                    BlockOrderPrefetch.DEFAULT_REQUESTS);
            peak[0] = p.peakInFlight();
            return p.csv();
        });
        System.out.printf(Locale.ROOT, "%s: at most %d reads in flight%n", what, peak[0]);
        return csv;
    }

    private static String time(String what, Supplier<String> run) {
        run.get();
        long t0 = System.nanoTime();
        String out = run.get();
        System.out.printf(Locale.ROOT, "%-16s %.2f s (second run)%n", what, (System.nanoTime() - t0) / 1e9);
        return out;
    }

    private static void check(String local, String remote) {
        if (!local.equals(remote)) {
            throw new AssertionError("remote table differs from the local one");
        }
    }
}
