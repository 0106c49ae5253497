package org.rasteragg.zarr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;

/**
 * Files that are not what a store expects in a value's place: a FIFO, a link to a device, a file
 * far larger than its chunk can be, a stray plain file among the nodes. Each is refused at once
 * with one line naming the store and key (the timeout only guards against a regression hanging the
 * build), or skipped where zarr-python skips it; and what this store writes gets the umask's mode.
 */
// A separate thread: a regression blocking in open(2) on the FIFO fails the test instead of hanging the build.
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileFilesTest {

    @TempDir
    Path dir;

    private Path v2() {
        return Fixtures.copyStore("v2.zarr", dir);
    }

    private static void mkfifo(Path p) throws Exception {
        Path mkfifo = Path.of("/usr/bin/mkfifo");
        assumeTrue(Files.isExecutable(mkfifo), "mkfifo is not available");
        Files.deleteIfExists(p);
        Process proc = new ProcessBuilder(mkfifo.toString(), p.toString()).inheritIO().start();
        assertThat(proc.waitFor(30, TimeUnit.SECONDS) && proc.exitValue() == 0).isTrue();
    }

    @Test
    void aFifoInPlaceOfAChunkIsRefusedNotWaitedOn() throws Exception {
        Path root = v2();
        mkfifo(root.resolve("dtype_u1/0.0"));
        ZarrArray a = Zarr.open(root, "dtype_u1");
        assertThatThrownBy(() -> a.readChunk(new long[] {0, 0}, new byte[30])).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("dtype_u1/0.0").hasMessageContaining("not a regular file")
                .hasMessageNotContaining("\n");
        // The other chunks still read.
        byte[] chunk = new byte[30];
        a.readChunk(new long[] {0, 1}, chunk);
        assertThat(chunk).isNotEqualTo(new byte[30]);
    }

    @Test
    void aFifoInPlaceOfMetadataIsRefusedNotWaitedOn() throws Exception {
        Path root = v2();
        mkfifo(root.resolve("dtype_u1/.zarray"));
        assertThatThrownBy(() -> Zarr.open(root, "dtype_u1")).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("dtype_u1/.zarray").hasMessageContaining("not a regular file");
    }

    @Test
    void aChunkLinkedToDevZeroIsRefused() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero is not available");
        Path root = v2();
        Path chunk = root.resolve("dtype_u1/0.0");
        Files.delete(chunk);
        Files.createSymbolicLink(chunk, zero);
        ZarrArray a = Zarr.open(root, "dtype_u1");
        assertThatThrownBy(() -> a.readChunk(new long[] {0, 0}, new byte[30])).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("dtype_u1/0.0").hasMessageContaining("symbolic link");
    }

    @Test
    void aChunkFarLargerThanItsChunkCanBeIsRefusedBeforeReading() throws Exception {
        Path root = v2();
        // 5x6 uint8 uncompressed: 30 bytes; a 3 GB (sparse) file cannot be that chunk.
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("dtype_u1/0.0").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        ZarrArray a = Zarr.open(root, "dtype_u1");
        assertThatThrownBy(() -> a.readChunk(new long[] {0, 0}, new byte[30])).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("dtype_u1/0.0").hasMessageContaining("3221225472 bytes")
                .hasMessageContaining("more than the 30 it can legitimately hold");
    }

    @Test
    void aMetadataDocumentPastItsCapIsRefusedBeforeReading() throws Exception {
        Path root = v2();
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("dtype_u1/.zattrs").toFile(), "rw")) {
            f.setLength(Nodes.MAX_METADATA_BYTES + 1);
        }
        assertThatThrownBy(() -> Zarr.open(root, "dtype_u1")).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("dtype_u1/.zattrs").hasMessageContaining("more than the " + Nodes.MAX_METADATA_BYTES);
    }

    @Test
    void strayPlainFilesAmongNodesAreSkippedAsZarrPythonSkipsThem() throws IOException {
        Path root = Fixtures.copyStore("spatialdata.zarr", dir);
        Files.writeString(root.resolve("README"), "notes of the user\n");
        Files.createDirectories(root.resolve("tables"));
        Files.writeString(root.resolve("tables/notes.txt"), "more notes\n");
        Files.writeString(root.resolve("tables/.zgroup"), "{\"zarr_format\": 2}");
        SpatialDataStore sd = SpatialDataStore.open(root);
        assertThat(sd.tables()).isEmpty();
        assertThat(sd.images()).isNotEmpty();
        assertThat(Nodes.childNodes(new FileSystemStore(root), "")).doesNotContain("README")
                .contains("images", "labels", "tables");
        assertThat(new FileSystemStore(root).get("README/zarr.json")).isNull();
        assertThat(Files.readString(root.resolve("tables/notes.txt"))).isEqualTo("more notes\n");
    }

    @Test
    void newFilesFollowTheUmaskAndReplacedFilesKeepTheirMode() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions");
        FileSystemStore store = new FileSystemStore(dir.resolve("s"));
        store.put("a/new", new byte[] {1});
        // What the JVM creates with no explicit mode is exactly 0666 minus the umask.
        Path reference = Files.createFile(dir.resolve("s/a/reference"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("s/a/new")))
                .isEqualTo(Files.getPosixFilePermissions(reference));
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(dir.resolve("s/a/new"), mode);
        store.put("a/new", new byte[] {2});
        assertThat(Files.getPosixFilePermissions(dir.resolve("s/a/new"))).isEqualTo(mode);
        assertThat(store.get("a/new")).containsExactly(2);
    }
}
