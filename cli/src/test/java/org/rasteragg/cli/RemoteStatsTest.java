package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.zarr.s3.S3ProxyServer;
import org.rasteragg.zarr.store.FaultyHttpServer;
import org.rasteragg.zarr.store.FileSystemStore;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/**
 * {@code rasteragg stats} where the data lives, against real servers on 127.0.0.1: a SpatialData
 * store written by the demo, served over HTTP by the JDK's server (with injected faults) and from
 * s3proxy (signed requests; anonymous ones behind the fault-injecting proxy). The CSV of every
 * remote run equals, byte for byte, the CSV of the same run on the local files; outputs go to S3;
 * the AnnData table written into S3 is read back by python anndata; a table write that fails while
 * it is published leaves neither a table nor a stray object.
 */
class RemoteStatsTest {

    private static Path dir;
    private static Path local;
    private static S3ProxyServer s3;
    private static S3ProxyServer open;
    private static FaultyHttpServer http;
    private static FaultyHttpServer s3Faults;
    private static String localCsv;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("remote-stats");
        local = dir.resolve("slide.zarr");
        new ZarrBackend().writeDemoStore(local, DemoDataset.generate(false, 1, 300, 260, 11));
        new ZarrBackend().writeDemoStore(dir.resolve("plain.zarr"), DemoDataset.generate(false, 1, 300, 260, 11));
        consolidate(new FileSystemStore(local));
        s3 = S3ProxyServer.signed();
        S3ProxyServer.upload(local, Stores.open("s3://bucket/slide.zarr", s3.options()));
        open = S3ProxyServer.open();
        S3ProxyServer.upload(local, Stores.open("s3://bucket/slide.zarr", StoreOptions.DEFAULT.withAnonymous(true)
                .withEndpoint(open.endpoint())));
        http = FaultyHttpServer.serving(dir);
        s3Faults = FaultyHttpServer.proxying(open.endpoint());
        Path csv = dir.resolve("local.csv");
        ok(stats("--sdata", local.toString(), "--csv", csv.toString()));
        localCsv = Files.readString(csv);
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        s3Faults.close();
        s3.close();
        open.close();
        new FileSystemStore(dir).delete("");
    }

    /** Consolidated metadata as zarr.consolidate_metadata writes it (v2): what lets HTTP find the elements. */
    private static void consolidate(Store store) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode metadata = root.putObject("metadata");
        for (String key : store.list("")) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            if (name.equals(".zgroup") || name.equals(".zattrs") || name.equals(".zarray")) {
                try {
                    metadata.set(key, json.readTree(store.get(key)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        root.put("zarr_consolidated_format", 1);
        store.put(".zmetadata", root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Cli stats(String... args) {
        String[] all = Stream.concat(Stream.of("stats", "--labels-name", "cells", "--image-name", "image", "-q"),
                Stream.of(args)).toArray(String[]::new);
        return Cli.run(new ZarrBackend(), all);
    }

    private static Cli ok(Cli r) {
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    private static String endpoint() {
        return s3.endpoint().toString();
    }

    /** The fault proxy's endpoint in front of the anonymous server. */
    private static String faultyEndpoint() {
        String u = s3Faults.uri("").toString();
        return u.substring(0, u.length() - 1);
    }

    @Test
    void statsOverHttpAndS3EqualTheLocalCsvByteForByte() throws Exception {
        Path a = tmp.resolve("http.csv");
        ok(stats("--sdata", http.uri("slide.zarr").toString(), "--csv", a.toString()));
        Path b = tmp.resolve("s3.csv");
        ok(stats("--sdata", "s3://bucket/slide.zarr", "--s3-endpoint", endpoint(), "--csv", b.toString()));
        assertThat(Files.readString(a)).isEqualTo(localCsv);
        assertThat(Files.readString(b)).isEqualTo(localCsv);
        // Arrays by URI, one over HTTP and one in S3; the CSV goes to standard output.
        Cli c = ok(Cli.run(new ZarrBackend(), "stats", "--labels", http.uri("slide.zarr/labels/cells").toString(),
                "--image", "s3://bucket/slide.zarr/images/image", "--s3-endpoint", endpoint(), "-q"));
        assertThat(c.out()).isEqualTo(localCsv);
    }

    @Test
    void anHttpStoreWithoutConsolidatedMetadataServesElementsByNameAndSaysWhyWildcardsFail() throws Exception {
        Path a = tmp.resolve("plain.csv");
        ok(stats("--sdata", http.uri("plain.zarr").toString(), "--csv", a.toString()));
        assertThat(Files.readString(a)).isEqualTo(localCsv);
        Cli r = Cli.run(new ZarrBackend(), "stats", "--sdata", http.uri("plain.zarr").toString(), "--labels-name",
                "cell*", "--image-name", "imag*", "-q");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(http.uri("plain.zarr").toString()).contains("cannot be listed")
                .contains("give the element by name").doesNotContain("\tat ");
    }

    @Test
    void infoDescribesRemoteStores() {
        Cli local = ok(Cli.run(new ZarrBackend(), "info", RemoteStatsTest.local.toString()));
        Cli s3info = ok(Cli.run(new ZarrBackend(), "info", "s3://bucket/slide.zarr", "--s3-endpoint", endpoint()));
        Cli httpInfo = ok(Cli.run(new ZarrBackend(), "info", http.uri("slide.zarr").toString()));
        String body = local.out().substring(local.out().indexOf('\n'));
        assertThat(body).contains("labels cells").contains("image image");
        assertThat(s3info.out()).startsWith("s3://bucket/slide.zarr: ").endsWith(body);
        assertThat(httpInfo.out()).endsWith(body);
    }

    @Test
    void throttlingIsRecovered() throws Exception {
        http.inject(FaultyHttpServer.Fault.SLOW_DOWN, 2, p -> p.startsWith("/slide.zarr/images/image/0/0."));
        try {
            Path a = tmp.resolve("http.csv");
            ok(stats("--sdata", http.uri("slide.zarr").toString(), "--csv", a.toString()));
            assertThat(Files.readString(a)).isEqualTo(localCsv);
        } finally {
            http.inject(null, 0, p -> false);
        }
        s3Faults.inject(FaultyHttpServer.Fault.SLOW_DOWN, 2, p -> p.contains("/slide.zarr/labels/cells/0/0."));
        try {
            Path b = tmp.resolve("s3.csv");
            ok(stats("--sdata", "s3://bucket/slide.zarr", "--s3-endpoint", faultyEndpoint(), "--anonymous", "--csv",
                    b.toString()));
            assertThat(Files.readString(b)).isEqualTo(localCsv);
        } finally {
            s3Faults.inject(null, 0, p -> false);
        }
    }

    @Test
    void csvAndParquetGoToS3AsTheyWouldToFiles() throws Exception {
        Path parquet = tmp.resolve("local.parquet");
        ok(stats("--sdata", local.toString(), "--parquet", parquet.toString()));
        ok(stats("--sdata", local.toString(), "--s3-endpoint", endpoint(), "--csv", "s3://bucket/out/cells.csv",
                "--parquet", "s3://bucket/out/cells.parquet"));
        Store out = Stores.open("s3://bucket/out", s3.options());
        assertThat(new String(out.get("cells.csv"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(localCsv);
        assertThat(out.get("cells.parquet")).isEqualTo(Files.readAllBytes(parquet));
        assertThat(out.list("")).containsExactly("cells.csv", "cells.parquet");
    }

    @Test
    void outputsThatCannotBeWrittenFailBeforeAnythingIsComputed() {
        Cli r = stats("--sdata", local.toString(), "--csv", http.uri("out.csv").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("HTTP locations are read-only").contains(http.uri("out.csv").toString());
        Cli t = stats("--sdata", http.uri("slide.zarr").toString(), "--table", "t");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("HTTP stores are read-only");
        Cli bucket = stats("--sdata", local.toString(), "--s3-endpoint", endpoint(), "--csv", "s3://bucket");
        assertThat(bucket.code()).isEqualTo(2);
        assertThat(bucket.err()).contains("give the file's name");
    }

    @Test
    void aTableWrittenIntoS3IsPublishedWholeAndReadByAnndata() throws Exception {
        Store store = Stores.open("s3://bucket/table.zarr", s3.options());
        S3ProxyServer.upload(local, store);
        Path csv = tmp.resolve("t.csv");
        // harpy's statistics: the columns the anndata checker knows.
        ok(stats("--sdata", "s3://bucket/table.zarr", "--s3-endpoint", endpoint(), "--table", "t", "--stats",
                "sum,mean,count,var,max,center", "--csv", csv.toString()));
        assertThat(store.list("tables/")).contains("tables/t/.zgroup", "tables/t/X/.zarray")
                .noneMatch(k -> k.contains(".tmp-") || k.contains(".old-") || k.contains(".rasteragg-writer"));
        assertThat(new String(store.get(".zmetadata"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("tables/t/.zgroup");

        Cli again = stats("--sdata", "s3://bucket/table.zarr", "--s3-endpoint", endpoint(), "--table", "t");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists").contains("--overwrite");
        ok(stats("--sdata", "s3://bucket/table.zarr", "--s3-endpoint", endpoint(), "--table", "t", "--overwrite"));
        assertThat(store.list("tables/")).noneMatch(k -> k.contains(".tmp-") || k.contains(".old-"));

        Assumptions.assumeTrue(AnnDataPythonTest.hasAnndata(), "/usr/bin/python3 cannot import anndata");
        Path copy = tmp.resolve("downloaded.zarr");
        download(store, copy);
        assertThat(AnnDataPythonTest.check(copy.toString(), "t", csv.toString(), "cells")).contains("ok ");
    }

    @Test
    void aTableWriteThatFailsWhilePublishingLeavesNoTableAndNoStrayObject() throws Exception {
        Store store = Stores.open("s3://bucket/failing.zarr", StoreOptions.DEFAULT.withAnonymous(true)
                .withEndpoint(open.endpoint()));
        S3ProxyServer.upload(local, store);
        List<String> before = store.list("");
        byte[] consolidated = store.get(".zmetadata");
        // The copy of X's metadata into the table's place fails every try (after X's data is copied).
        s3Faults.inject(FaultyHttpServer.Fault.SERVER_ERROR, 100, p -> p.endsWith("/failing.zarr/tables/t/X/.zarray"));
        try {
            Cli r = stats("--sdata", "s3://bucket/failing.zarr", "--s3-endpoint", faultyEndpoint(), "--anonymous",
                    "--table", "t");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("tables/t").contains("HTTP 500").doesNotContain("\tat ");
        } finally {
            s3Faults.inject(null, 0, p -> false);
        }
        // What was there is; nothing else is, but the tables group itself (created before the table).
        List<String> after = store.list("");
        assertThat(after).containsAll(before);
        after.removeAll(before);
        assertThat(after).isSubsetOf("tables/.zgroup", "tables/.zattrs");
        assertThat(store.get(".zmetadata")).isEqualTo(consolidated);
    }

    private static void download(Store store, Path to) {
        for (String key : store.list("")) {
            Path f = to.resolve(key);
            try {
                Files.createDirectories(f.getParent());
                Files.write(f, store.get(key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
