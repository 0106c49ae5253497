package org.rasteragg.zarr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.array.PythonFixtureTest;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.store.FaultyHttpServer;
import org.rasteragg.zarr.store.FaultyHttpServer.Fault;
import org.rasteragg.zarr.store.RetryPolicy;
import org.rasteragg.zarr.store.StoreIOException;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/**
 * Faults between the SDK and a real S3 server: a fault-injecting proxy in front of s3proxy (open
 * bucket, anonymous requests, since a proxy changes the Host a signature covers). Throttling (503
 * SlowDown), 500s, bodies cut mid-way and slow responses are recovered by retries with the exact
 * values, or reported in one line naming the s3:// key when they outlast the retries.
 */
class S3FaultTest {

    private static S3ProxyServer s3;
    private static FaultyHttpServer proxy;
    private static StoreOptions options;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.open();
        proxy = FaultyHttpServer.proxying(s3.endpoint());
        String base = proxy.uri("").toString();
        options = StoreOptions.DEFAULT.withAnonymous(true).withEndpoint(URI.create(base.substring(0, base.length() - 1)))
                .withRetry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(50)))
                .withRequestTimeout(Duration.ofMillis(500));
        S3ProxyServer.upload(Fixtures.root().resolve("v3.zarr"), Stores.open("s3://bucket/faults/v3.zarr", options));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        s3.close();
    }

    private static Fixtures.Entry sharded() {
        return Fixtures.manifest().stream().filter(e -> e.array().equals("u1_sharded")).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "FORBIDDEN", mode = EnumSource.Mode.EXCLUDE)
    void recoversFromEveryFaultClass(Fault fault) {
        proxy.slowMillis(1_000).inject(fault, 2, p -> p.contains("/c/"));
        try {
            ZarrArray a = Zarr.open("s3://bucket/faults/v3.zarr", "u1_sharded", options);
            PythonFixtureTest.assertSameBits(a.readAll(), Fixtures.expected(sharded()), "s3 u1_sharded under " + fault);
        } finally {
            proxy.inject(null, 0, p -> false);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "FORBIDDEN", mode = EnumSource.Mode.EXCLUDE)
    void reportsAFaultThatOutlastsTheRetriesInOneLine(Fault fault) {
        StoreOptions twoTries = options.withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)));
        ZarrArray a = Zarr.open("s3://bucket/faults/v3.zarr", "u2_zstd", twoTries);
        proxy.slowMillis(1_000).inject(fault, 3, p -> p.contains("/u2_zstd/c/"));
        try {
            String expected = switch (fault) {
                case SLOW_DOWN -> "HTTP 503 SlowDown";
                case SERVER_ERROR -> "HTTP 500";
                case CLOSE_MID_BODY, SLOW -> "";
                case FORBIDDEN -> throw new AssertionError("not retried");
            };
            assertThatThrownBy(a::readAll).isInstanceOf(StoreIOException.class)
                    .hasMessageContaining("GET s3://bucket/faults/v3.zarr/u2_zstd/c/")
                    .hasMessageContaining("failed after 2 tries").hasMessageContaining(expected)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            proxy.inject(null, 0, p -> false);
        }
    }
}
