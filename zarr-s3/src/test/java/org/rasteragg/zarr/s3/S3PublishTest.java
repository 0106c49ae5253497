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
import org.rasteragg.zarr.anndata.Column;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;
import org.rasteragg.zarr.anndata.WriterTemporaries;
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

    /** A small table: labels 1..3, two channels, one extra obs column. */
    private static SpatialDataTableWriter.Input table(double scale) {
        long[] labels = {1, 2, 3};
        double[][] x = {{1 * scale, 2}, {3, 4}, {5, 6}};
        double[][] com = {{0, 1, 2}, {0, 3, 4}, {0, 5, 6}};
        return new SpatialDataTableWriter.Input(labels, "cells", List.of("a", "b"), x,
                java.util.Map.of("max_a", new Column.UInt64(new long[] {-1L, 7, 8})), new long[] {4, 5, 6}, com, false,
                null);
    }

    /** The marker a writer of this host with process id {@code pid} puts first into what it publishes. */
    private static byte[] marker(long pid) throws Exception {
        return ("{\"host\":\"" + java.net.InetAddress.getLocalHost().getHostName() + "\",\"pid\":" + pid + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    /**
     * Issue 12: a writer killed (SIGKILL) while it published tables/t into S3 left the marker and the
     * data objects of tables/t, no metadata of the node, and its whole temporary. The next write
     * recognises both as a dead writer's own and replaces them without --overwrite; leftovers it
     * cannot prove are its own (no marker, or the marker of a live process) stay, and the write is
     * refused as for an existing table.
     */
    @Test
    void theNextWriteRemovesWhatAKilledPublisherProvablyLeftAndNothingElse() throws Exception {
        S3Store sd = new S3Store(S3Clients.client(StoreOptions.DEFAULT.withAnonymous(true)
                .withEndpoint(s3.endpoint())), S3ProxyServer.BUCKET, "halfpub", RetryPolicy.DEFAULT);
        SpatialDataTableWriter.write(sd, "complete", table(1), false);
        List<String> keys = sd.list("tables/complete/");
        assertThat(keys).noneMatch(k -> k.endsWith(WriterTemporaries.MARKER));
        byte[] dead = marker(deadPid());
        // The killed run: its temporary, whole and marked, and the first half of the copy into tables/t.
        String tmp = "tables/.t.tmp-0123abcd-0000-4000-8000-00000000cafe";
        java.util.ArrayList<String> withMarker = new java.util.ArrayList<>(keys);
        withMarker.add("tables/complete/" + WriterTemporaries.MARKER);
        List<String> order = Publication.order(withMarker);
        assertThat(order.get(0)).endsWith(WriterTemporaries.MARKER);
        for (String k : order) {
            byte[] v = k.endsWith(WriterTemporaries.MARKER) ? dead : sd.get(k);
            sd.put(tmp + k.substring("tables/complete".length()), v);
        }
        List<String> copied = order.subList(0, order.size() / 2);
        assertThat(copied).noneMatch(k -> k.endsWith("tables/complete/.zgroup"));
        for (String k : copied) {
            sd.put("tables/t" + k.substring("tables/complete".length()),
                    k.endsWith(WriterTemporaries.MARKER) ? dead : sd.get(k));
        }
        // Another program's objects, and a live writer's half-published node.
        sd.put("tables/foreign/X/0.0", new byte[] {42});
        sd.put("tables/live/" + WriterTemporaries.MARKER, marker(ProcessHandle.current().pid()));
        sd.put("tables/live/X/0.0", new byte[] {43});

        SpatialDataTableWriter.write(sd, "t", table(2), false);
        assertThat(sd.list("tables/t/")).containsExactlyInAnyOrderElementsOf(
                keys.stream().map(k -> "tables/t" + k.substring("tables/complete".length())).toList());
        assertThat(sd.list("tables/.t.tmp-")).isEmpty();
        assertThat(sd.children("tables")).contains("complete", "foreign", "live", "t")
                .noneMatch(n -> n.startsWith(".t."));
        // the new table's own content (X row 0 is 2, not the killed run's 1; max_a is uint64)
        assertThat(new String(sd.get("tables/t/obs/max_a/.zarray"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<u8");

        for (String name : List.of("foreign", "live")) {
            assertThatThrownBy(() -> SpatialDataTableWriter.write(sd, name, table(3), false))
                    .hasMessageContaining("already exists");
        }
        assertThat(sd.get("tables/foreign/X/0.0")).containsExactly(42);
        assertThat(sd.list("tables/live/")).containsExactly("tables/live/" + WriterTemporaries.MARKER,
                "tables/live/X/0.0");
    }
}
