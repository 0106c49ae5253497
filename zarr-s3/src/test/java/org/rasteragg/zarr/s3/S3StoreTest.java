package org.rasteragg.zarr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.array.PythonFixtureTest;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.RetryPolicy;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreContractTest;
import org.rasteragg.zarr.store.StoreIOException;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/**
 * {@link S3Store} against a real S3 server (s3proxy on 127.0.0.1) with signed requests from the
 * SDK's default credential chain: the whole store contract, the zarr-python fixtures bit for bit,
 * discovery by listing, and opening by {@code s3://} URI.
 */
class S3StoreTest extends StoreContractTest {

    private static S3ProxyServer server;
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.signed();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Override
    protected Store newStore() {
        return new S3Store(S3Clients.client(server.options()), S3ProxyServer.BUCKET, "t" + PREFIXES.incrementAndGet()
                + "/store.zarr", FAST);
    }

    private String location(String prefix) {
        return "s3://" + S3ProxyServer.BUCKET + "/" + prefix;
    }

    @Test
    void opensByUriThroughTheServiceLoader() {
        Store s = Stores.open(location("by-uri/x.zarr"), server.options());
        assertThat(s).isInstanceOf(S3Store.class);
        assertThat(s.description()).isEqualTo("s3://bucket/by-uri/x.zarr");
        s.put("a/b", new byte[] {4, 2});
        assertThat(Stores.open(URI.create(location("by-uri")), server.options()).get("x.zarr/a/b")).containsExactly(4, 2);
    }

    @Test
    void zarrPythonFixturesReadBackExactlyFromS3() {
        for (String name : new String[] {"v2.zarr", "v3.zarr"}) {
            S3ProxyServer.upload(Fixtures.root().resolve(name), Stores.open(location("fixtures/" + name), server.options()));
        }
        for (Fixtures.Entry e : Fixtures.manifest()) {
            if (e.store().equals("spatialdata.zarr")) {
                continue;
            }
            ZarrArray a = Zarr.open(location("fixtures/" + e.store()), e.array(), server.options());
            PythonFixtureTest.assertSameBits(a.readAll(), Fixtures.expected(e), "s3 " + e.store() + "/" + e.array());
        }
    }

    @Test
    void spatialDataElementsAreFoundByListing() {
        S3ProxyServer.upload(Fixtures.root().resolve("spatialdata.zarr"),
                Stores.open(location("sd/spatialdata.zarr"), server.options()));
        SpatialDataStore sd = SpatialDataStore.open(location("sd/spatialdata.zarr"), server.options());
        assertThat(sd.images()).containsExactly("img2d", "img3d");
        assertThat(sd.labels()).containsExactly("cells2d", "cells3d");
        assertThat(sd.image("img2d").channelNames()).containsExactly("DAPI", "CD3", "CD8");
    }

    @Test
    void anonymousRequestsToAPrivateBucketFailInOneLine() {
        Stores.open(location("private/x.zarr"), server.options()).put("zarr.json", new byte[] {1});
        Store s = Stores.open(location("private/x.zarr"), server.options().withAnonymous(true));
        assertThatThrownBy(() -> s.get("zarr.json")).isInstanceOf(StoreIOException.class)
                .hasMessageStartingWith("GET s3://bucket/private/x.zarr/zarr.json: HTTP 403")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingBucketIsAnErrorNotAnAbsentKey() {
        assertThatThrownBy(() -> Zarr.openStore("s3://no-such-bucket/x.zarr", server.options()))
                .isInstanceOf(StoreIOException.class)
                .hasMessageContaining("s3://no-such-bucket/x.zarr/zarr.json").hasMessageContaining("NoSuchBucket");
    }

    @Test
    void endpointComesFromTheOptionThenTheEnvironment() {
        URI option = URI.create("http://127.0.0.1:1");
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:2", "AWS_ENDPOINT_URL_S3",
                "http://127.0.0.1:3");
        assertThat(S3Clients.endpoint(StoreOptions.DEFAULT.withEndpoint(option), env)).isEqualTo(option);
        assertThat(S3Clients.endpoint(StoreOptions.DEFAULT, env)).isEqualTo(URI.create("http://127.0.0.1:3"));
        assertThat(S3Clients.endpoint(StoreOptions.DEFAULT, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:2")))
                .isEqualTo(URI.create("http://127.0.0.1:2"));
        assertThat(S3Clients.endpoint(StoreOptions.DEFAULT, Map.of())).isNull();
        assertThatThrownBy(() -> S3Clients.endpoint(StoreOptions.DEFAULT, Map.of("AWS_ENDPOINT_URL", "localhost")))
                .hasMessageContaining("AWS_ENDPOINT_URL='localhost'");
    }

    @Test
    void locationsWithoutABucketAreRefused() {
        assertThatThrownBy(() -> Stores.open("s3:///x.zarr", server.options()))
                .hasMessageContaining("no bucket in s3:///x.zarr");
    }
}
