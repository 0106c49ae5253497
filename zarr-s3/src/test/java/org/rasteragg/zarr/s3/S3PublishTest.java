package org.rasteragg.zarr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.zarr.store.FaultyHttpServer;
import org.rasteragg.zarr.store.RetryPolicy;
import org.rasteragg.zarr.store.StoreIOException;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * Publishing into S3, which has no atomic rename, against s3proxy (behind the fault-injecting proxy,
 * anonymous): a renamed node appears data first and metadata last, a copy that fails leaves no
 * object at the destination, and a large file goes up as a multipart upload that is aborted when a
 * part fails, so nothing appears at its key.
 */
class S3PublishTest {

    private static S3ProxyServer s3;
    private static FaultyHttpServer proxy;
    private static S3Store store;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.open();
        proxy = FaultyHttpServer.proxying(s3.endpoint());
        String base = proxy.uri("").toString();
        StoreOptions options = StoreOptions.DEFAULT.withAnonymous(true)
                .withEndpoint(URI.create(base.substring(0, base.length() - 1)));
        store = new S3Store(S3Clients.client(options), S3ProxyServer.BUCKET, "publish",
                new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        s3.close();
    }

    @Test
    void metadataComesAfterTheDataFromTheDeepestNodeUp() {
        List<String> keys = List.of(".t.tmp/.zattrs", ".t.tmp/.zgroup", ".t.tmp/X/.zarray", ".t.tmp/X/0.0",
                ".t.tmp/obs/.zattrs", ".t.tmp/obs/.zgroup", ".t.tmp/obs/cell_ID/.zarray", ".t.tmp/obs/cell_ID/0",
                ".t.tmp/zarr.json", ".t.tmp/obs/zarr.json", ".t.tmp/obs/c/0");
        assertThat(Publication.order(keys)).containsExactly(".t.tmp/X/0.0", ".t.tmp/obs/cell_ID/0", ".t.tmp/obs/c/0",
                ".t.tmp/obs/cell_ID/.zarray", ".t.tmp/obs/.zattrs", ".t.tmp/X/.zarray", ".t.tmp/obs/.zgroup",
                ".t.tmp/obs/zarr.json", ".t.tmp/.zattrs", ".t.tmp/.zgroup", ".t.tmp/zarr.json");
    }

    @Test
    void aRenameWhoseCopyFailsLeavesNothingAtTheDestination() {
        store.put("a/.zgroup", new byte[] {1});
        store.put("a/x/.zarray", new byte[] {2});
        store.put("a/x/0", new byte[] {3});
        store.put("a/x/1", new byte[] {4});
        proxy.inject(FaultyHttpServer.Fault.SERVER_ERROR, 100, p -> p.endsWith("/publish/b/x/.zarray"));
        try {
            assertThatThrownBy(() -> store.rename("a", "b")).isInstanceOf(StoreIOException.class)
                    .hasMessageContaining("COPY s3://bucket/publish/a/x/.zarray").hasMessageContaining("HTTP 500");
        } finally {
            proxy.inject(null, 0, p -> false);
        }
        assertThat(store.list("b")).isEmpty();
        assertThat(store.list("a/")).containsExactly("a/.zgroup", "a/x/.zarray", "a/x/0", "a/x/1");
        store.rename("a", "b");
        assertThat(store.list("a")).isEmpty();
        assertThat(store.list("b")).containsExactly("b/.zgroup", "b/x/.zarray", "b/x/0", "b/x/1");
        assertThat(store.get("b/x/1")).containsExactly(4);
    }

    @Test
    void aLargeFileGoesUpInPartsAndAFailedPartLeavesNothing() throws Exception {
        byte[] data = new byte[11 << 20];
        new SplittableRandom(3).nextBytes(data);
        Path file = tmp.resolve("big.bin");
        Files.write(file, data);
        int before = proxy.requests();
        store.putFile("out/big.bin", file, 5L << 20);
        // create, three parts, complete
        assertThat(proxy.requests() - before).isEqualTo(5);
        assertThat(store.get("out/big.bin")).isEqualTo(data);

        proxy.inject(FaultyHttpServer.Fault.SERVER_ERROR, 100, p -> p.endsWith("/publish/out/failed.bin"));
        try {
            // Every request on the key fails: the create, or else a part, then the abort is tried.
            assertThatThrownBy(() -> store.putFile("out/failed.bin", file, 5L << 20))
                    .isInstanceOf(StoreIOException.class).hasMessageContaining("s3://bucket/publish/out/failed.bin");
        } finally {
            proxy.inject(null, 0, p -> false);
        }
        assertThat(store.exists("out/failed.bin")).isFalse();
    }
}
