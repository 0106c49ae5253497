package org.rasteragg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.zarr.s3.S3ProxyServer;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.Stores;

/**
 * The Spark job end to end on S3 (s3proxy on 127.0.0.1, signed requests): {@code --spark local[2]}
 * over {@code s3://} inputs, every task opening the store itself from the serialized locator, writes
 * the CSV into the bucket; it equals byte for byte the CSV of {@code rasteragg stats} on the same
 * store's local files.
 */
class SparkS3Test {

    private static S3ProxyServer s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.signed();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void sparkOverS3GivesTheCsvOfTheLocalCommand() throws Exception {
        Path local = tmp.resolve("slide.zarr");
        new ZarrBackend().writeDemoStore(local, DemoDataset.generate(false, 1, 300, 260, 5));
        Store remote = Stores.open("s3://bucket/spark/slide.zarr", s3.options());
        S3ProxyServer.upload(local, remote);
        String[] job = {"--sdata", local.toString(), "--labels-name", "cells", "--image-name", "image",
            "--stats", "mean,sum,var,max,center", "--exclude-background", "-q"};
        Path localCsv = tmp.resolve("local.csv");
        FrontEndsAgreeTest.Result c = FrontEndsAgreeTest.cli(new ZarrBackend(), concat(job, "--csv",
                localCsv.toString()));
        assertThat(c.code()).as(c.err()).isZero();

        job[1] = "s3://bucket/spark/slide.zarr";
        LocalSpark.stop();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkStatsMain.run(new PrintWriter(out, true), new PrintWriter(err, true), null, concat(
                concat(new String[] {"--spark", "local[2]", "--partitions", "3"}, job), "--s3-endpoint",
                s3.endpoint().toString(), "--csv", "s3://bucket/spark/out/cells.csv"));
        assertThat(code).as(err.toString()).isZero();
        String written = new String(Stores.open("s3://bucket/spark/out", s3.options()).get("cells.csv"),
                StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(Files.readString(localCsv));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
