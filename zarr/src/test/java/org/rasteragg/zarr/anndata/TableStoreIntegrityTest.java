package org.rasteragg.zarr.anndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.Python;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;
import org.rasteragg.zarr.store.Store;

/**
 * Writing a table leaves the store whole for every reader: consolidated metadata lists the new
 * table (checked with python's {@code zarr.open_consolidated} when available), a v3 store gets a
 * v3 table, and the temporaries a dead run left are removed (or the user's table restored) while
 * those of a live writer or of unknown origin stay.
 */
class TableStoreIntegrityTest {

    @TempDir
    Path dir;

    private static String python(String script, String arg) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Python.EXECUTABLE.toString(), "-c", script, arg).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    @Test
    void consolidatedMetadataListsTheNewTable() throws Exception {
        Path root = dir.resolve("sd.zarr");
        Store store = SpatialDataWriter.create(root, 2, false).store();
        // Consolidated as zarr.consolidate_metadata does for a store with only the root group.
        ObjectNode z = Json.object().put("zarr_consolidated_format", 1);
        z.putObject("metadata").set(".zgroup", Json.parseObject(store.get(".zgroup"), ".zgroup"));
        ((ObjectNode) z.get("metadata")).set(".zattrs", Json.parseObject(store.get(".zattrs"), ".zattrs"));
        store.put(".zmetadata", Json.bytes(z));

        SpatialDataTableWriter.write(store, "table", SpatialDataTableWriterTest.sampleInput(false), false);
        SpatialDataTableWriter.write(store, "table", SpatialDataTableWriterTest.sampleInput(false), true);

        JsonNode metadata = Json.parseObject(store.get(".zmetadata"), ".zmetadata").get("metadata");
        assertThat(metadata.has("tables/.zgroup")).isTrue();
        assertThat(metadata.get("tables/table/.zattrs").get("encoding-type").asText()).isEqualTo("anndata");
        assertThat(metadata.get("tables/table/obs/.zattrs").get("_index").asText()).isEqualTo("cells");
        assertThat(metadata.has("tables/table/X/.zarray")).isTrue();
        metadata.fieldNames().forEachRemaining(k -> assertThat(k).doesNotContain(".tmp-").doesNotContain(".old-")
                .doesNotContain(WriterTemporaries.MARKER));
        if (Python.canImport("zarr")) {
            String out = python("import sys, zarr\n"
                    + "g = zarr.open_consolidated(sys.argv[1], mode='r')\n"
                    + "print(sorted(g['tables'].group_keys()), list(g['tables/table/obs/cell_ID'][:]))", root.toString());
            assertThat(out).isEqualTo("['table'] [7, 3, 5000000000]");
        }
    }

    @Test
    void aV3StoreGetsAV3Table() throws Exception {
        Path root = dir.resolve("sd3.zarr");
        Store store = SpatialDataWriter.create(root, 3, false).store();
        SpatialDataTableWriter.write(store, "table", SpatialDataTableWriterTest.sampleInput(false), false);
        assertThat(store.list("tables/").stream().filter(k -> k.endsWith(".zarray") || k.endsWith(".zgroup")
                || k.endsWith(".zattrs"))).isEmpty();
        JsonNode group = Json.parseObject(store.get("tables/table/zarr.json"), "zarr.json");
        assertThat(group.get("node_type").asText()).isEqualTo("group");
        assertThat(group.get("attributes").get("encoding-type").asText()).isEqualTo("anndata");
        JsonNode index = Json.parseObject(store.get("tables/table/obs/cells/zarr.json"), "zarr.json");
        assertThat(index.get("data_type").asText()).isEqualTo("string");
        assertThat(index.get("codecs").get(0).get("name").asText()).isEqualTo("vlen-utf8");
        ZarrArray ids = Zarr.open(store, "tables/table/obs/cell_ID");
        assertThat(ids.metadata().zarrFormat()).isEqualTo(3);
        assertThat((long[]) ids.readAll()).containsExactly(7, 3, 5_000_000_000L);
        ZarrArray x = Zarr.open(store, "tables/table/X");
        assertThat((double[]) x.readAll()).containsExactly(1.5, 2.5, 3, 4, Double.NaN, 0.125);
        // Another reader: zarrita (tools/fixtures/zarr/zarrita, after npm ci there).
        Path zarrita = repository().resolve("tools/fixtures/zarr/zarrita");
        Path node = Path.of("/usr/bin/node");
        if (Files.isExecutable(node) && Files.isDirectory(zarrita.resolve("node_modules/zarrita"))) {
            Process p = new ProcessBuilder(node.toString(), "read_table.mjs", root.toString(), "tables/table")
                    .directory(zarrita.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            String h = SpatialDataTableWriter.instanceSuffix(store, "cells");
            assertThat(out).isEqualTo("{\"encoding\":\"anndata\",\"index\":[\"7_cells_" + h + "\",\"3_cells_" + h
                    + "\",\"5000000000_cells_" + h + "\"],\"cell_ID\":[\"7\",\"3\",\"5000000000\"],"
                    + "\"X\":[1.5,2.5,3,4,\"NaN\",0.125],\"X_shape\":[3,2]}");
        }
    }

    private static Path repository() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Files.isDirectory(here.resolve("tools")) ? here : here.getParent();
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("/bin/true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }

    private static void marker(Store store, String folder, long pid) throws Exception {
        store.put(folder + "/" + WriterTemporaries.MARKER, Json.bytes(Json.object()
                .put("host", InetAddress.getLocalHost().getHostName()).put("pid", pid)));
    }

    @Test
    void temporariesOfADeadRunAreRemovedAndOnlyThose() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/true")), "/bin/true is not available");
        Path root = dir.resolve("sd.zarr");
        Store store = SpatialDataWriter.create(root, 2, false).store();
        SpatialDataTableWriter.write(store, "kept", SpatialDataTableWriterTest.sampleInput(false), false);
        long dead = deadPid();
        String deadTmp = "tables/.table.tmp-" + UUID.randomUUID();
        store.put(deadTmp + "/X/0", new byte[1000]);
        marker(store, deadTmp, dead);
        String liveTmp = "tables/.table.tmp-" + UUID.randomUUID();
        store.put(liveTmp + "/X/0", new byte[10]);
        marker(store, liveTmp, ProcessHandle.current().pid());
        String unmarked = "tables/.other.tmp-" + UUID.randomUUID();
        store.put(unmarked + "/X/0", new byte[10]);
        String emptyTmp = "tables/.empty.tmp-" + UUID.randomUUID();
        Files.createDirectories(root.resolve(emptyTmp));
        String aside = "tables/.moved.old-" + UUID.randomUUID();
        store.put(aside + "/.zgroup", "{\"zarr_format\": 2}".getBytes(StandardCharsets.UTF_8));
        store.put(aside + "/X/0", new byte[] {42});
        marker(store, aside, dead);
        String notOurs = "tables/.users-own";
        store.put(notOurs + "/file", new byte[] {1});

        List<String> done = WriterTemporaries.cleanupStale(store, "tables");

        assertThat(done).containsExactlyInAnyOrder("removed " + deadTmp, "removed " + emptyTmp,
                "restored tables/moved from " + aside);
        assertThat(Files.exists(root.resolve(deadTmp))).isFalse();
        assertThat(Files.exists(root.resolve(emptyTmp))).isFalse();
        assertThat(store.get("tables/moved/X/0")).containsExactly(42);
        assertThat(store.exists("tables/moved/" + WriterTemporaries.MARKER)).isFalse();
        assertThat(store.get(liveTmp + "/X/0")).hasSize(10);
        assertThat(store.get(unmarked + "/X/0")).hasSize(10);
        assertThat(store.get(notOurs + "/file")).containsExactly(1);
        assertThat(store.exists("tables/kept/.zgroup")).isTrue();
    }

    @Test
    void anInterruptedRunRemovesItsOwnTemporariesOnlyAndPutsBackATableMovedAside() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/true")), "/bin/true is not available");
        Path root = dir.resolve("sd.zarr");
        Store store = SpatialDataWriter.create(root, 2, false).store();
        String ownTmp = "tables/.table.tmp-" + UUID.randomUUID();
        store.put(ownTmp + "/X/0", new byte[100]);
        WriterTemporaries.mark(store, ownTmp);
        String ownAside = "tables/.table.old-" + UUID.randomUUID();
        store.put(ownAside + "/.zgroup", "{\"zarr_format\": 2}".getBytes(StandardCharsets.UTF_8));
        store.put(ownAside + "/X/0", new byte[] {7});
        WriterTemporaries.mark(store, ownAside);
        String deadTmp = "tables/.other.tmp-" + UUID.randomUUID();
        store.put(deadTmp + "/X/0", new byte[10]);
        marker(store, deadTmp, deadPid());
        String emptyTmp = "tables/.empty.tmp-" + UUID.randomUUID();
        Files.createDirectories(root.resolve(emptyTmp));

        List<String> done = WriterTemporaries.cleanupOwn(store, "tables");

        assertThat(done).containsExactlyInAnyOrder("removed " + ownTmp, "restored tables/table from " + ownAside);
        assertThat(store.get("tables/table/X/0")).containsExactly(7);
        assertThat(store.exists("tables/table/" + WriterTemporaries.MARKER)).isFalse();
        // Another process's temporaries, dead or not, and an empty folder (maybe a live writer's first step) stay.
        assertThat(store.get(deadTmp + "/X/0")).hasSize(10);
        assertThat(Files.isDirectory(root.resolve(emptyTmp))).isTrue();
    }

    @Test
    void writingATableRemovesADeadRunsTemporary() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/true")), "/bin/true is not available");
        Path root = dir.resolve("sd.zarr");
        Store store = SpatialDataWriter.create(root, 2, false).store();
        String deadTmp = "tables/.table.tmp-" + UUID.randomUUID();
        store.put(deadTmp + "/X/0", new byte[1000]);
        marker(store, deadTmp, deadPid());
        SpatialDataTableWriter.write(store, "table", SpatialDataTableWriterTest.sampleInput(false), false);
        try (var s = Files.list(root.resolve("tables"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(".zgroup",
                    ".zattrs", "table");
        }
        try (var s = Files.walk(root.resolve("tables/table"))) {
            assertThat(s.filter(p -> p.getFileName().toString().equals(WriterTemporaries.MARKER))).isEmpty();
        }
    }
}
