package org.rasteragg.zarr.anndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;
import org.rasteragg.zarr.store.MemoryStore;
import org.rasteragg.zarr.store.DelegatingStore;
import org.rasteragg.zarr.store.Store;

/** The harpy table layout, its atomic writing and the overwrite rule (Java side). */
class SpatialDataTableWriterTest {

    @TempDir
    Path dir;

    /** Labels 0 (background, dropped), 7, 3 and a large one, with 2 channels. */
    static SpatialDataTableWriter.Input sampleInput(boolean is3d) {
        long[] labels = {0, 7, 3, 5_000_000_000L};
        double[][] x = {{9, 9}, {1.5, 2.5}, {3, 4}, {Double.NaN, 0.125}};
        Map<String, Column> extra = new LinkedHashMap<>();
        extra.put("var_DAPI", new Column.Float64(new double[] {9, 0.25, 0.5, 0.75}));
        extra.put("max_CD3", new Column.Float64(new double[] {9, 10, 20, 30}));
        double[][] com = {{0, 0, 0}, {1, 2, 3}, {4, 5, 6}, {0, 10.5, 20.25}};
        return new SpatialDataTableWriter.Input(labels, "cells", List.of("DAPI", "CD3"), x, extra,
                new long[] {100, 11, 12, 13}, com, is3d, is3d ? new double[] {100, 200, 300} : new double[] {200, 300});
    }

    @Test
    void buildsHarpysLayout() {
        Store store = new MemoryStore("mem");
        AnnDataTable t = SpatialDataTableWriter.build(store, sampleInput(false));
        String h = SpatialDataTableWriter.instanceSuffix(store, "cells");
        assertThat(h).hasSize(8).matches("[0-9a-f]{8}");
        assertThat(t.obs().indexName()).isEqualTo("cells");
        assertThat(t.obs().index()).containsExactly("7_cells_" + h, "3_cells_" + h, "5000000000_cells_" + h);
        assertThat(t.obs().columns().keySet()).containsExactly("cell_ID", "fov_labels", "shapeSize", "var_DAPI",
                "max_CD3");
        assertThat(((Column.Int64) t.obs().columns().get("cell_ID")).values()).containsExactly(7, 3, 5_000_000_000L);
        assertThat(((Column.Int64) t.obs().columns().get("shapeSize")).values()).containsExactly(11, 12, 13);
        assertThat(t.var().index()).containsExactly("DAPI", "CD3");
        assertThat(t.x()).containsExactly(1.5, 2.5, 3, 4, Double.NaN, 0.125);
        // (z, y, x) = (1, 2, 3) -> (x, y) = (3, 2) plus translation (y, x) = (200, 300).
        assertThat(t.obsm().get("spatial")[0]).containsExactly(303, 202);
        AnnDataTable t3 = SpatialDataTableWriter.build(store, sampleInput(true));
        assertThat(t3.obsm().get("spatial")[0]).containsExactly(101, 303, 202);
        @SuppressWarnings("unchecked")
        Map<String, Object> sd = (Map<String, Object>) t.uns().get("spatialdata_attrs");
        assertThat(sd).containsEntry("region", List.of("cells")).containsEntry("region_key", "fov_labels")
                .containsEntry("instance_key", "cell_ID");
    }

    @Test
    void writesAnnDataEncodingAttributes() {
        Path root = dir.resolve("sd.zarr");
        Store store = SpatialDataWriter.create(root, 2, false).store();
        SpatialDataTableWriter.write(store, "table", sampleInput(false), false);
        assertThat(SpatialDataStore.open(root).tables()).containsExactly("table");
        ObjectNode rootAttrs = Nodes.attributes(store, "tables/table");
        assertThat(rootAttrs.get("encoding-type").asText()).isEqualTo("anndata");
        assertThat(rootAttrs.get("encoding-version").asText()).isEqualTo("0.1.0");
        ObjectNode obs = Nodes.attributes(store, "tables/table/obs");
        assertThat(obs.get("_index").asText()).isEqualTo("cells");
        assertThat(obs.get("encoding-type").asText()).isEqualTo("dataframe");
        assertThat(Nodes.attributes(store, "tables/table/obs/fov_labels").get("encoding-type").asText())
                .isEqualTo("categorical");
        ZarrArray x = ZarrArray.open(store, "tables/table/X");
        assertThat(x.dtype()).isEqualTo(DType.FLOAT64);
        assertThat((double[]) x.readAll()).containsExactly(1.5, 2.5, 3, 4, Double.NaN, 0.125);
        assertThat((long[]) ZarrArray.open(store, "tables/table/obs/cell_ID").readAll())
                .containsExactly(7, 3, 5_000_000_000L);
        assertThat(store.list("tables/")).noneMatch(k -> k.contains(".tmp-") || k.contains(".old-"));
    }

    @Test
    void refusesToOverwriteUnlessAskedAndReplacesWhenAsked() {
        Store store = SpatialDataWriter.create(dir.resolve("o.zarr"), 2, false).store();
        SpatialDataTableWriter.write(store, "table", sampleInput(false), false);
        assertThatThrownBy(() -> SpatialDataTableWriter.write(store, "table", sampleInput(true), false))
                .isInstanceOf(ZarrException.class).hasMessageContaining("already exists")
                .hasMessageContaining("overwrite");
        SpatialDataTableWriter.write(store, "table", sampleInput(true), true);
        assertThat(ZarrArray.open(store, "tables/table/obsm/spatial").shape()).containsExactly(3, 3);
        assertThat(store.children("tables")).containsExactly(".zattrs", ".zgroup", "table");
    }

    @Test
    void aFailedWriteLeavesNoPartialTable() {
        MemoryStore base = new MemoryStore("failing");
        SpatialDataWriter.create(base, 2, false);
        // A store that fails on the 20th write: in the middle of the table.
        Store failing = new FailingStore(base, 20);
        assertThatThrownBy(() -> SpatialDataTableWriter.write(failing, "table", sampleInput(false), false))
                .hasMessageContaining("injected failure");
        assertThat(base.list("tables/")).allMatch(k -> k.equals("tables/.zgroup") || k.equals("tables/.zattrs"));
        assertThat(SpatialDataStore.open(base).hasTable("table")).isFalse();
    }

    /** Delegates to a store and fails the n-th put. */
    static final class FailingStore extends DelegatingStore {
        private int remaining;

        FailingStore(Store delegate, int failAt) {
            super(delegate);
            this.remaining = failAt;
        }

        @Override
        public synchronized void put(String key, byte[] value) {
            if (--remaining == 0) {
                throw new org.rasteragg.zarr.store.StoreIOException("injected failure writing " + key);
            }
            delegate.put(key, value);
        }
    }
}
