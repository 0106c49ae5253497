package org.rasteragg.zarr.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rasteragg.zarr.prefetch.TissueStores;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.FaultyHttpServer;
import org.rasteragg.zarr.store.FaultyHttpServer.Fault;
import org.rasteragg.zarr.store.RetryPolicy;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/**
 * The statistics of a bench-like SpatialData store in S3 (opened by {@code s3://} URI, elements
 * found by listing, read with prefetch, with throttling injected) are the local run's, digit for digit.
 */
class S3StatsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "zarr v{0}")
    @ValueSource(ints = {2, 3})
    void statsFromS3AreTheLocalStats(int format) throws Exception {
        Path root = TissueStores.write(dir.resolve("tissue.zarr"), format);
        String local = TissueStores.statsCsv(SpatialDataStore.open(root));
        String location = "s3://bucket/runs/v" + format + "/tissue.zarr";
        try (S3ProxyServer s3 = S3ProxyServer.signed()) {
            S3ProxyServer.upload(root, Stores.open(location, s3.options()));
            SpatialDataStore remote = SpatialDataStore.open(location, s3.options());
            assertThat(remote.labels()).containsExactly("cells");
            assertThat(TissueStores.statsCsv(remote)).isEqualTo(local);
            TissueStores.Prefetched ahead = TissueStores.statsCsvPrefetched(remote, 4L << 20, 8);
            assertThat(ahead.csv()).isEqualTo(local);
            assertThat(ahead.peakInFlight()).isGreaterThan(2);
        }
        try (S3ProxyServer s3 = S3ProxyServer.open(); FaultyHttpServer proxy = FaultyHttpServer.proxying(s3.endpoint())) {
            String base = proxy.uri("").toString();
            StoreOptions options = StoreOptions.DEFAULT.withAnonymous(true)
                    .withEndpoint(URI.create(base.substring(0, base.length() - 1)))
                    .withRetry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(50)));
            S3ProxyServer.upload(root, Stores.open(location, options));
            proxy.inject(Fault.SLOW_DOWN, 1, p -> p.matches(".*/0/(c/)?[0-9].*"));
            SpatialDataStore throttled = SpatialDataStore.open(location, options);
            assertThat(TissueStores.statsCsvPrefetched(throttled, 1L << 20, 8).csv()).isEqualTo(local);
            assertThat(proxy.peakInFlight()).isGreaterThan(2);
        }
    }
}
