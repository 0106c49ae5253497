package org.rasteragg.zarr.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.FaultyHttpServer;
import org.rasteragg.zarr.store.FaultyHttpServer.Fault;
import org.rasteragg.zarr.store.RetryPolicy;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * The statistics of a bench-like store read over HTTP (opened by URL, with and without prefetch,
 * with throttling injected) are the local run's, to the last digit of every column.
 */
class RemoteStatsTest {

    @TempDir
    Path dir;

    private static final StoreOptions OPTIONS = StoreOptions.DEFAULT
            .withRetry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(50)));

    @ParameterizedTest(name = "zarr v{0}")
    @ValueSource(ints = {2, 3})
    void statsOverHttpAreTheLocalStats(int format) throws Exception {
        String name = "tissue-v" + format + ".zarr";
        Path root = TissueStores.write(dir.resolve(name), format);
        String local = TissueStores.statsCsv(SpatialDataStore.open(root));
        assertThat(local.lines().count()).isGreaterThan(100);
        try (FaultyHttpServer server = FaultyHttpServer.serving(dir)) {
            SpatialDataStore remote = SpatialDataStore.open(server.uri(name).toString(), OPTIONS);
            assertThat(TissueStores.statsCsv(remote)).isEqualTo(local);

            // Every chunk's first response waits 30 ms, so that requests overlap however fast this
            // machine serves them: a prefetch that kept only one or two in flight fails below (a
            // loopback server answering in microseconds let even a working prefetch peak at 2).
            server.slowMillis(30).inject(Fault.SLOW, 1, p -> p.matches(".*/0/(c/)?[0-9].*"));
            TissueStores.Prefetched ahead = TissueStores.statsCsvPrefetched(remote, 4L << 20, 8);
            assertThat(ahead.csv()).isEqualTo(local);
            assertThat(ahead.peakInFlight()).isGreaterThan(2);
            assertThat(server.peakInFlight()).isGreaterThan(2);

            server.inject(Fault.SLOW_DOWN, 1, p -> p.matches(".*/0/(c/)?[0-9].*"));
            assertThat(TissueStores.statsCsvPrefetched(remote, 1, 8).csv()).isEqualTo(local);
        }
    }

    @Test
    void prefetchOfALocalStoreGivesTheSameTableForAnyBudget() {
        SpatialDataStore sd = SpatialDataStore.open(TissueStores.write(dir.resolve("t.zarr"), 2));
        String direct = TissueStores.statsCsv(sd);
        for (long budget : new long[] {0, 20_000, 1L << 30}) {
            assertThat(TissueStores.statsCsvPrefetched(sd, budget, 3).csv()).as("budget " + budget).isEqualTo(direct);
        }
    }

    @Test
    void aChunkThatCannotBeReadAheadFailsTheRunNamingIt() throws Exception {
        Path root = TissueStores.write(dir.resolve("bad.zarr"), 2);
        Files.write(root.resolve("images/image/0/2.1.0.1"), new byte[] {1, 2, 3});
        SpatialDataStore sd = SpatialDataStore.open(root);
        assertThatThrownBy(() -> TissueStores.statsCsvPrefetched(sd, 1L << 20, 4))
                .isInstanceOf(ZarrFormatException.class).hasMessageContaining("chunk key 'images/image/0/2.1.0.1'");
    }
}
