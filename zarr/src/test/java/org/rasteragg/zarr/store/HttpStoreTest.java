package org.rasteragg.zarr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.NoSuchNodeException;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.array.PythonFixtureTest;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.FaultyHttpServer.Fault;

/**
 * {@link HttpStore} against a real HTTP server on 127.0.0.1 serving the stores zarr-python wrote:
 * the read contract, every fixture array bit for bit, listing from consolidated metadata or
 * OME-NGFF attributes, and every fault class recovered by retries or reported in one line.
 */
class HttpStoreTest extends ReadableStoreContractTest {

    @TempDir
    Path dir;

    private final List<FaultyHttpServer> servers = new ArrayList<>();

    private static final StoreOptions FAST_RETRIES = StoreOptions.DEFAULT
            .withRetry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(50)))
            .withRequestTimeout(Duration.ofMillis(500));

    @AfterEach
    void stopServers() {
        servers.forEach(FaultyHttpServer::close);
    }

    private FaultyHttpServer serve(Path folder) {
        try {
            FaultyHttpServer s = FaultyHttpServer.serving(folder);
            servers.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Store storeHolding(Map<String, byte[]> values) {
        Path root = dir.resolve("contract");
        values.forEach((k, v) -> {
            try {
                Files.createDirectories(root.resolve(k).getParent());
                Files.write(root.resolve(k), v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new HttpStore(serve(dir).uri("contract"), FAST_RETRIES);
    }

    @Test
    void everyFixtureArrayReadsBackExactlyOverHttp() {
        FaultyHttpServer server = serve(Fixtures.root());
        for (Fixtures.Entry e : Fixtures.manifest()) {
            ZarrArray a = Zarr.open(server.uri(e.store()).toString(), e.array(), FAST_RETRIES);
            assertThat(a.shape()).as(e.array()).containsExactly(e.shape());
            PythonFixtureTest.assertSameBits(a.readAll(), Fixtures.expected(e), e.store() + "/" + e.array());
        }
    }

    @Test
    void shardIndexesCostOneSuffixRequestPerShard() {
        FaultyHttpServer server = serve(Fixtures.root());
        ZarrArray a = Zarr.open(server.uri("v3.zarr").toString(), "u1_sharded", FAST_RETRIES);
        int before = server.requests();
        a.readAll();
        long shards = Fixtures.root().resolve("v3.zarr/u1_sharded/c").toFile().list().length;
        long innerChunks = a.grid().chunkCount();
        // At most one index read per shard plus one range per inner chunk (absent ones cost nothing).
        assertThat(server.requests() - before).isLessThanOrEqualTo((int) (innerChunks + 4 * shards));
    }

    @Test
    void listsFromConsolidatedMetadataAndOmeAttributes() {
        FaultyHttpServer server = serve(Fixtures.root());
        Store v2 = Stores.open(server.uri("v2.zarr"), FAST_RETRIES);
        assertThat(v2.children("")).contains("consolidated_only", "dtype_i1", ".zgroup");
        assertThat(org.rasteragg.zarr.array.Nodes.childNodes(v2, "")).contains("consolidated_only", "fill_none");

        SpatialDataStore sd = SpatialDataStore.open(server.uri("spatialdata.zarr").toString(), FAST_RETRIES);
        assertThat(sd.labels()).containsExactly("cells2d", "cells3d");
        assertThat(sd.image("img2d").channelNames()).containsExactly("DAPI", "CD3", "CD8");
        assertThatThrownBy(sd::images).isInstanceOf(ListingUnavailableException.class)
                .hasMessageContaining("spatialdata.zarr").hasMessageContaining("'images'")
                .hasMessageContaining("no consolidated metadata").hasMessageContaining(".zmetadata");
        assertThatThrownBy(() -> sd.image("nope")).isInstanceOf(NoSuchNodeException.class)
                .hasMessageContaining("no image element 'nope'").hasMessageContaining("cannot find what 'images' holds");
    }

    @Test
    void listsFromV3ConsolidatedMetadata() throws Exception {
        // The v3 layout of consolidated metadata (zarr-python 3's consolidate_metadata): node documents
        // inline in the root zarr.json, keyed by node path.
        Path root = dir.resolve("v3c.zarr");
        Files.createDirectories(root.resolve("labels/cells"));
        String group = "{\"zarr_format\": 3, \"node_type\": \"group\", \"attributes\": {}}";
        Files.writeString(root.resolve("zarr.json"), "{\"zarr_format\": 3, \"node_type\": \"group\", \"attributes\": {},"
                + " \"consolidated_metadata\": {\"kind\": \"inline\", \"must_understand\": false, \"metadata\": {"
                + "\"labels\": " + group + ", \"labels/cells\": " + group + ", \"tables\": " + group + "}}}");
        Files.writeString(root.resolve("labels/zarr.json"), group);
        Files.writeString(root.resolve("labels/cells/zarr.json"), group);
        Store s = new HttpStore(serve(dir).uri("v3c.zarr"), FAST_RETRIES);
        assertThat(s.children("")).containsExactly("labels", "tables", "zarr.json");
        assertThat(s.children("labels")).containsExactly("cells", "zarr.json");
        assertThat(s.list("labels/")).containsExactly("labels/cells/zarr.json", "labels/zarr.json");
        assertThat(SpatialDataStore.open(s).labels()).containsExactly("cells");
    }

    @Test
    void refusesWritesAndMissingStores() {
        FaultyHttpServer server = serve(Fixtures.root());
        Store s = Stores.open(server.uri("v2.zarr"), FAST_RETRIES);
        assertThatThrownBy(() -> s.put("x", new byte[1])).isInstanceOf(ReadOnlyStoreException.class)
                .hasMessageContaining("v2.zarr").hasMessageContaining("read-only");
        assertThatThrownBy(() -> Zarr.openStore(server.uri("absent.zarr").toString(), FAST_RETRIES))
                .isInstanceOf(NoSuchNodeException.class).hasMessageContaining("absent.zarr is not a Zarr store");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "FORBIDDEN", mode = EnumSource.Mode.EXCLUDE)
    void recoversFromEveryFaultClass(Fault fault) {
        FaultyHttpServer server = serve(Fixtures.root()).slowMillis(1_000);
        Fixtures.Entry sharded = Fixtures.manifest().stream().filter(e -> e.array().equals("u1_sharded")).findFirst()
                .orElseThrow();
        ZarrArray a = Zarr.open(server.uri("v3.zarr").toString(), "u1_sharded", FAST_RETRIES);
        // Every chunk and shard request fails twice before it succeeds; 4 tries are enough.
        server.inject(fault, 2, p -> p.contains("/c/"));
        PythonFixtureTest.assertSameBits(a.readAll(), Fixtures.expected(sharded), "u1_sharded under " + fault);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "FORBIDDEN", mode = EnumSource.Mode.EXCLUDE)
    void reportsAFaultThatOutlastsTheRetriesInOneLine(Fault fault) {
        FaultyHttpServer server = serve(Fixtures.root()).slowMillis(2_000);
        StoreOptions twoTries = FAST_RETRIES.withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)));
        ZarrArray a = Zarr.open(server.uri("v2.zarr").toString(), "comp_zstd_u2", twoTries);
        server.inject(fault, 3, p -> p.endsWith("/0.0"));
        String expected = switch (fault) {
            case SLOW_DOWN -> "HTTP 503 (<Error><Code>SlowDown</Code>";
            case SERVER_ERROR -> "HTTP 500";
            case CLOSE_MID_BODY -> "IOException";
            case SLOW -> "no complete response within 500 ms";
            case FORBIDDEN -> throw new AssertionError("not retried");
        };
        assertThatThrownBy(a::readAll).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("chunk key 'comp_zstd_u2/0.0'")
                .hasMessageContaining("GET " + server.uri("v2.zarr/comp_zstd_u2/0.0"))
                .hasMessageContaining("failed after 2 tries").hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aServerThatIsGoneIsReportedAfterTheRetries() {
        FaultyHttpServer server = serve(Fixtures.root());
        Store s = new HttpStore(server.uri("v2.zarr"), FAST_RETRIES);
        server.close();
        assertThatThrownBy(() -> s.get("dtype_i1/0.0")).isInstanceOf(StoreIOException.class)
                .hasMessageStartingWith("GET " + server.uri("v2.zarr/dtype_i1/0.0") + ": failed after 4 tries, last: ")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void anUnexpectedStatusFailsAtOnceNamingUrlAndStatus() {
        FaultyHttpServer server = serve(Fixtures.root());
        Store s = new HttpStore(server.uri("v2.zarr"), FAST_RETRIES);
        server.inject(Fault.FORBIDDEN, 10, p -> true);
        int before = server.requests();
        assertThatThrownBy(() -> s.get("dtype_i1/0.0")).isInstanceOf(StoreIOException.class)
                .hasMessage("GET " + server.uri("v2.zarr/dtype_i1/0.0") + ": HTTP 403 (<Error><Code>AccessDenied</Code>"
                        + "</Error>)");
        assertThat(server.requests() - before).isEqualTo(1);
    }
}
