package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.cli.io.ZarrBackend;

/**
 * Issue 12, the output layer: outputs that would overwrite each other or the inputs are refused
 * (exit 2); links, devices and FIFOs are written through, never replaced; write errors exit 1 with
 * the cause and leave nothing cut at the destination; modes are kept; the demo replaces only its
 * own store. Each test asserts the exit code, the one-line message, the user's files intact and no
 * temporaries left behind. Real files on disk, the real Zarr backend.
 */
class HostileOutputsTest {

    @TempDir
    Path dir;

    Path mask;
    Path work;

    @BeforeEach
    void setUp() throws IOException {
        mask = DiskStores.mask(dir.resolve("in.zarr"), 40, 30, 9);
        work = Files.createDirectories(dir.resolve("out"));
    }

    /** The mask-only job into {@code outputs}, on the CPU (no GPU notice in the one-line messages checked here). */
    private Cli stats(String... outputs) {
        String[] base = {"stats", "--gpu", "off", "--labels", mask.toString()};
        return DiskStores.run(java.util.stream.Stream.concat(java.util.stream.Stream.of(base),
                java.util.stream.Stream.of(outputs)).toArray(String[]::new));
    }

    private static void assertOneLine(Cli r, int code, String... parts) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("rasteragg stats: error: ");
        for (String p : parts) {
            assertThat(r.err()).contains(p);
        }
    }

    @Test
    void anOutputInsideAnInputStoreIsAUsageErrorAndTheMetadataStays() throws IOException {
        Path zarray = mask.resolve(".zarray");
        byte[] before = Files.readAllBytes(zarray);
        List<String> listing = DiskStores.listing(dir);
        assertOneLine(stats("--csv", zarray.toString()), 2, "--csv " + zarray, "lies inside the input --labels");
        // Through a link to the store, too: compared as real paths.
        Path link = Files.createSymbolicLink(work.resolve("alias.zarr"), mask);
        assertOneLine(stats("--parquet", link.resolve("0.0").toString()), 2, "lies inside the input --labels");
        Files.delete(link);
        assertThat(Files.readAllBytes(zarray)).isEqualTo(before);
        assertThat(DiskStores.listing(dir)).isEqualTo(listing);
    }

    @Test
    void twoOutputsNamingOneFileThroughALinkAreAUsageError() throws IOException {
        Path real = work.resolve("t.out");
        Files.writeString(real, "mine\n");
        Path link = Files.createSymbolicLink(work.resolve("link.out"), real);
        assertOneLine(stats("--csv", real.toString(), "--parquet", link.toString()), 2,
                "--csv and --parquet name the same file");
        assertThat(Files.readString(real)).isEqualTo("mine\n");
        assertThat(DiskStores.temporaries(work)).isEmpty();
    }

    @Test
    void aLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path target = Files.createDirectories(dir.resolve("elsewhere")).resolve("table.csv");
        Files.writeString(target, "old\n");
        Path link = Files.createSymbolicLink(work.resolve("table.csv"), target);
        Cli r = stats("--csv", link.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(target);
        assertThat(Files.readString(target)).startsWith("cell_ID,shapeSize,z,y,x\n").contains("\n9,");
        assertThat(DiskStores.temporaries(dir)).isEmpty();
        // A dangling link is refused by name, and stays.
        Path dangling = Files.createSymbolicLink(work.resolve("gone.csv"), dir.resolve("no/such.csv"));
        assertOneLine(stats("--csv", dangling.toString()), 1, "gone.csv", "is a symbolic link");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
    }

    @Test
    void aFifoIsWrittenThroughAndStaysAFifo() throws Exception {
        Path fifo = work.resolve("pipe.csv");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mk.exitValue()).isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Cli r = stats("--csv", fifo.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        String viaFifo = read.get(60, TimeUnit.SECONDS);
        Path file = work.resolve("file.csv");
        assertThat(stats("--csv", file.toString(), "-q").code()).isZero();
        assertThat(viaFifo).isEqualTo(Files.readString(file));
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther()).isTrue();
        assertThat(DiskStores.temporaries(work)).isEmpty();
    }

    @Test
    void aFullDeviceIsAWriteErrorAndStaysADevice() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full) && Files.isWritable(full));
        assertOneLine(stats("--csv", full.toString()), 1, "cannot write CSV /dev/full", "No space left on device");
        assertOneLine(stats("--parquet", full.toString()), 1, "cannot write Parquet file /dev/full");
        assertThat(Files.isRegularFile(full, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readAttributes(full, java.nio.file.attribute.BasicFileAttributes.class).isOther()).isTrue();
    }

    @Test
    void aClosedStandardOutputIsAWriteErrorWithExitOne() {
        // A pipe whose reader went away (| head -c 10): the stream fails after 10 bytes.
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        OutputStream closing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (got.size() >= 10) {
                    throw new IOException("Broken pipe");
                }
                got.write(b);
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new ZarrBackend(), new PrintStream(closing, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "stats", "--gpu", "off", "--labels", mask.toString());
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(e).isEqualTo(1);
        assertThat(e.strip()).isEqualTo("rasteragg stats: error: cannot write CSV to standard output: write error on "
                + "standard output (closed pipe or disk full)");
    }

    @Test
    void aReplacedFileKeepsItsModeAndANewOneIsNotPrivate() throws IOException {
        Path csv = work.resolve("shared.csv");
        Files.writeString(csv, "old\n");
        Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-r-----"));
        Path parquet = work.resolve("shared.parquet");
        Files.writeString(parquet, "old\n");
        Files.setPosixFilePermissions(parquet, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(stats("--csv", csv.toString(), "--parquet", parquet.toString(), "-q").code()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parquet))).isEqualTo("rw-rw-r--");
        assertThat(Files.readString(csv)).startsWith("cell_ID,");
        // New files get 0666 less the umask (022 or 002 here, never the 0600 of a temp file).
        Path fresh = work.resolve("fresh.csv");
        assertThat(stats("--csv", fresh.toString(), "-q").code()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).startsWith("rw-r");
        assertThat(DiskStores.temporaries(work)).isEmpty();
    }

    @Test
    void theDemoRefusesAStoreItDidNotWriteAndReplacesItsOwn() throws IOException {
        Path demoDir = dir.resolve("demo");
        Path store = Files.createDirectories(demoDir.resolve(DemoCommand.STORE));
        Path mine = Files.writeString(store.resolve("my-notes.txt"), "do not lose me\n");
        Cli r = Cli.run(new MemoryBackend(), "demo", demoDir.toString(), "-q");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("rasteragg demo: error: demo: " + store + " exists and was not written by "
                + "rasteragg demo (no .rasteragg-demo marker); it is left as it is: give another DIR or remove it");
        assertThat(Files.readString(mine)).isEqualTo("do not lose me\n");
        assertThat(DiskStores.listing(demoDir)).containsExactly("demo.zarr", "demo.zarr/my-notes.txt");

        // A stats.csv that is not a demo table is refused too.
        Path other = Files.createDirectories(dir.resolve("demo2"));
        Files.writeString(other.resolve(DemoCommand.CSV), "a,b\n1,2\n");
        Cli c = Cli.run(new MemoryBackend(), "demo", other.toString(), "-q");
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).contains(other.resolve(DemoCommand.CSV) + " exists and is not a table an earlier demo");
        assertThat(Files.readString(other.resolve(DemoCommand.CSV))).isEqualTo("a,b\n1,2\n");
        assertThat(DiskStores.listing(other)).containsExactly("stats.csv");

        // Its own earlier output is replaced (on disk, with the real backend).
        Path own = dir.resolve("demo3");
        assertThat(Cli.run(new ZarrBackend(), "demo", own.toString(), "-q", "--threads", "2").code()).isZero();
        assertThat(own.resolve(DemoCommand.STORE).resolve(".rasteragg-demo")).isRegularFile();
        Cli again = Cli.run(new ZarrBackend(), "demo", own.toString(), "-q", "--threads", "2");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(DiskStores.temporaries(own)).isEmpty();
    }

    /**
     * {@code --csv -}: the CSV on standard output, as with no output named, and beside a Parquet file;
     * never a file named "-". Standard output carries nothing else, so --json beside it and
     * {@code --parquet -} (binary) are usage errors.
     */
    @Test
    void aDashSendsTheCsvToStandardOutputBesideAParquetFile() throws IOException {
        Path csv = work.resolve("t.csv");
        assertThat(stats("--csv", csv.toString(), "-q").code()).isZero();
        String expected = Files.readString(csv);
        assertThat(expected).startsWith("cell_ID,shapeSize,").hasLineCount(10);

        Cli alone = stats("--csv", "-", "-q");
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.out()).isEqualTo(expected);
        assertThat(stats("-q").out()).isEqualTo(expected);

        Path parquet = work.resolve("t.parquet");
        Cli both = stats("--csv", "-", "--parquet", parquet.toString(), "-q");
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.out()).isEqualTo(expected);
        assertThat(Files.size(parquet)).isPositive();
        assertThat(Path.of("-")).doesNotExist();
        assertThat(work.resolve("-")).doesNotExist();
    }

    @Test
    void jsonBesideTheCsvOnStandardOutputAndParquetThereAreUsageErrors() {
        Cli json = stats("--csv", "-", "--json", "-q");
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.err().strip()).isEqualTo("rasteragg stats: error: --json and --csv -: both print on stdout; "
                + "give --csv a file");
        Cli parquet = stats("--parquet", "-", "-q");
        assertThat(parquet.code()).isEqualTo(2);
        assertThat(parquet.err().strip()).doesNotContain("\n").startsWith("rasteragg stats: error: --parquet -: ");
        assertThat(json.out()).isEmpty();
        assertThat(parquet.out()).isEmpty();
        assertThat(Path.of("-")).doesNotExist();
    }
}
