package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 with real child processes (this test's class path, {@code java -cp}): SIGTERM during a
 * write removes the temporaries and keeps the user's file; after a SIGKILL, the next run removes
 * the temporary it can prove was left by a dead rasteragg and keeps everything else; a closed
 * standard output ({@code | head -c 10}) exits 1 naming the cause; new files follow the umask.
 * The waits below are bounds against a hang, not timings.
 */
class ChildProcessTest {

    @TempDir
    Path dir;

    Path mask;
    Path work;

    @BeforeEach
    void setUp() throws IOException {
        mask = DiskStores.mask(dir.resolve("in.zarr"), 128, 128, 50);
        work = Files.createDirectories(dir.resolve("out"));
    }

    private static List<String> java(String mainClass, long chunkMillis, String... args) {
        return java(List.of("-Dslow.chunkMillis=" + chunkMillis), mainClass, args);
    }

    /** {@code java PROPERTIES -cp (this class path) MAIN ARGS}. */
    private static List<String> java(List<String> properties, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(properties);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Waits (bounded) until {@code appeared} holds, the child still running. */
    private static void await(java.util.function.BooleanSupplier appeared, Process p, String what)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!appeared.getAsBoolean()) {
            assertThat(p.isAlive()).as("the child ended before " + what).isTrue();
            assertThat(System.nanoTime()).as(what + " never happened").isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static void awaitTemporaries(Path work, int count, Process p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (DiskStores.temporaries(work).size() < count) {
            assertThat(p.isAlive()).as("the child ended before writing").isTrue();
            assertThat(System.nanoTime()).as("temporaries never appeared").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void sigtermDuringTheWriteRemovesTheTemporariesAndKeepsTheUsersFile() throws Exception {
        Path csv = Files.writeString(work.resolve("cells.csv"), "the user's table\n");
        Path parquet = work.resolve("cells.parquet");
        Process p = new ProcessBuilder(java(SlowMain.class.getName(), 3000, "stats", "--labels", mask.toString(),
                "--csv", csv.toString(), "--parquet", parquet.toString(), "--threads", "1", "-q"))
                .redirectErrorStream(true).start();
        awaitTemporaries(work, 2, p);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(DiskStores.listing(work)).containsExactly("cells.csv");
        assertThat(Files.readString(csv)).isEqualTo("the user's table\n");
    }

    @Test
    void afterSigkillTheNextRunRemovesOnlyTheTemporaryItCanProveIsItsOwn() throws Exception {
        Path csv = work.resolve("cells.csv");
        Path foreign = Files.writeString(work.resolve(".cells.csv.12345.tmp"), "another program's\n");
        Process p = new ProcessBuilder(java(SlowMain.class.getName(), 3000, "stats", "--labels", mask.toString(),
                "--csv", csv.toString(), "--threads", "1", "-q")).redirectErrorStream(true).start();
        awaitTemporaries(work, 2, p);
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> left = DiskStores.temporaries(work);
        assertThat(left).hasSize(2).anyMatch(n -> n.startsWith(".cells.csv.rasteragg-"));

        Cli r = DiskStores.run("stats", "--labels", mask.toString(), "--csv", csv.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(DiskStores.listing(work)).containsExactly(".cells.csv.12345.tmp", "cells.csv");
        assertThat(Files.readString(foreign)).isEqualTo("another program's\n");
        assertThat(Files.readString(csv)).startsWith("cell_ID,shapeSize,z,y,x\n");
    }

    @Test
    void aClosedStandardOutputExitsOneNamingTheCause() throws Exception {
        Path big = DiskStores.mask(dir.resolve("big.zarr"), 512, 512, 60000);
        Process p = new ProcessBuilder(java(Main.class.getName(), 0, "stats", "--gpu", "off", "--labels", big.toString()))
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (InputStream out = p.getInputStream()) {
            assertThat(out.readNBytes(10)).hasSize(10); // | head -c 10
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("rasteragg stats: error: cannot write CSV to standard output: write error on "
                + "standard output (closed pipe or disk full)");
    }

    @Test
    void newFilesFollowTheUmask() throws Exception {
        Path csv = work.resolve("cells.csv");
        Path parquet = work.resolve("cells.parquet");
        String cmd = "umask 027 && exec " + String.join(" ", java(Main.class.getName(), 0, "stats", "--labels",
                mask.toString(), "--csv", csv.toString(), "--parquet", parquet.toString(), "-q").stream()
                .map(a -> "'" + a + "'").toList());
        Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parquet))).isEqualTo("rw-r-----");
    }

    /**
     * SIGTERM while {@code --table} writes tables/t (slowly: a pause per object, so the signal
     * comes while the temporary {@code tables/.t.tmp-*} is being filled): the run exits non-zero, the
     * store's tables/ and consolidated metadata are as before, and no temporary is left beside the
     * CSV and Parquet outputs (written after the table, so not there either).
     */
    @Test
    void sigtermWhileTheTableIsWrittenLeavesTheStoreAndTheOutputsAsTheyWere() throws Exception {
        Path sd = dir.resolve("sd.zarr");
        new org.rasteragg.cli.io.ZarrBackend().writeDemoStore(sd,
                org.rasteragg.cli.demo.DemoDataset.generate(false, 1, 96, 80, 5));
        org.rasteragg.zarr.store.FileSystemStore fs = new org.rasteragg.zarr.store.FileSystemStore(sd);
        fs.put(".zmetadata", "{\"metadata\": {}, \"zarr_consolidated_format\": 1}".getBytes(StandardCharsets.UTF_8));
        org.rasteragg.zarr.array.ConsolidatedMetadata.refresh(fs, "");
        String[] job = {"stats", "--sdata", sd.toString(), "--labels-name", "cells", "--image-name", "image", "-q"};
        Cli first = DiskStores.run(java.util.stream.Stream.concat(java.util.Arrays.stream(job),
                java.util.stream.Stream.of("--table", "earlier")).toArray(String[]::new));
        assertThat(first.code()).as(first.err()).isZero();
        List<String> tables = DiskStores.listing(sd.resolve("tables"));
        byte[] consolidated = fs.get(".zmetadata");
        assertThat(new String(consolidated, StandardCharsets.UTF_8)).contains("tables/earlier/.zattrs");

        Path csv = work.resolve("cells.csv");
        Path parquet = work.resolve("cells.parquet");
        List<String> cmd = java(List.of("-Dslow.putMillis=200"), SlowMain.class.getName(), job);
        cmd.addAll(List.of("--table", "t", "--csv", csv.toString(), "--parquet", parquet.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            await(() -> DiskStores.listing(sd.resolve("tables")).stream().anyMatch(n -> n.startsWith(".t.tmp-")
                    && n.contains("/")), p, "the table's temporary filled");
            assertThat(DiskStores.temporaries(work)).hasSize(2);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("child.log"))).isNotZero();
        } finally {
            p.destroyForcibly();
        }
        assertThat(DiskStores.listing(sd.resolve("tables"))).isEqualTo(tables);
        assertThat(fs.get(".zmetadata")).isEqualTo(consolidated);
        assertThat(DiskStores.listing(work)).isEmpty();
    }

    /**
     * SIGTERM during the multipart upload of the CSV to s3:// (s3proxy behind a proxy that holds every
     * request on the key for a while, so the signal comes mid-upload): the shutdown hook aborts the
     * upload, so no upload stays open (and billed) and no object appears; the local temporary of the
     * upload is removed too.
     */
    @Test
    void sigtermDuringAnS3MultipartUploadAbortsIt() throws Exception {
        // 2^20 labels of one voxel: about 20 MB of CSV, more than one 16 MiB part.
        Path big = DiskStores.mask(dir.resolve("big.zarr"), 1024, 1024, 1 << 20);
        Path childTmp = Files.createDirectories(dir.resolve("child-tmp"));
        try (org.rasteragg.zarr.s3.S3ProxyServer s3 = org.rasteragg.zarr.s3.S3ProxyServer.open();
                org.rasteragg.zarr.store.FaultyHttpServer slow = org.rasteragg.zarr.store.FaultyHttpServer.proxying(
                        s3.endpoint());
                software.amazon.awssdk.services.s3.S3Client client = software.amazon.awssdk.services.s3.S3Client.builder()
                        .endpointOverride(s3.endpoint()).forcePathStyle(true)
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                        .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build()) {
            slow.slowMillis(1500).inject(org.rasteragg.zarr.store.FaultyHttpServer.Fault.SLOW, 1000,
                    path -> path.endsWith("/out/cells.csv"));
            String endpoint = slow.uri("").toString();
            Process p = new ProcessBuilder(java(List.of("-Djava.io.tmpdir=" + childTmp), Main.class.getName(), "stats",
                    "--gpu", "off", "--labels", big.toString(), "--csv", "s3://bucket/out/cells.csv", "--s3-endpoint",
                    endpoint.substring(0, endpoint.length() - 1), "--anonymous", "-q"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("upload.log").toFile()).start();
            java.util.function.Supplier<Integer> uploads = () -> client.listMultipartUploads(b -> b.bucket("bucket"))
                    .uploads().size();
            try {
                await(() -> uploads.get() > 0, p, "the multipart upload started");
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(Files.readString(dir.resolve("upload.log"))).isNotZero();
            } finally {
                p.destroyForcibly();
            }
            assertThat(uploads.get()).as("open multipart uploads").isZero();
            assertThat(client.listObjectsV2(b -> b.bucket("bucket")).contents()).isEmpty();
            assertThat(DiskStores.listing(childTmp)).isEmpty();
        }
    }
}
