package org.rasteragg.zarr.anndata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rasteragg.zarr.store.MemoryStore;
import org.rasteragg.zarr.store.Store;

/**
 * A table written from views of the result's columns (rows from 1 on, leaving out a leading
 * background row, without a copy) holds exactly what a table of copied rows holds, byte for byte.
 */
class TableViewsTest {

    /** Background first, then 7, 3 and a large label, as sorted results have it (3 before 7 here on purpose). */
    private static final long[] LABELS = {0, 7, 3, 5_000_000_000L};
    private static final double[][] X = {{9, 9}, {1.5, 2.5}, {3, 4}, {Double.NaN, 0.125}};
    private static final double[][] COM = {{0, 0, 0}, {1, 2, 3}, {4, 5, 6}, {0, 10.5, 20.25}};

    private static Map<String, Column> extra(int from) {
        Map<String, Column> extra = new LinkedHashMap<>();
        extra.put("var_DAPI", new Column.Float64(Arrays.copyOfRange(new double[] {9, 0.25, 0.5, 0.75}, from, 4)));
        extra.put("max_CD3", new Column.Float64(Arrays.copyOfRange(new double[] {9, 10, 20, 30}, from, 4)));
        extra.put("min_CD20", new Column.UInt64(Arrays.copyOfRange(new long[] {9, -1, 1L << 63, 5}, from, 4)));
        return extra;
    }

    private static SpatialDataTableWriter.Input copied(boolean is3d) {
        return new SpatialDataTableWriter.Input(Arrays.copyOfRange(LABELS, 1, 4), "cells", List.of("DAPI", "CD3"),
                Arrays.copyOfRange(X, 1, 4), extra(1), new long[] {11, 12, 13}, Arrays.copyOfRange(COM, 1, 4), is3d,
                is3d ? new double[] {100, 200, 300} : new double[] {200, 300});
    }

    private static SpatialDataTableWriter.Input view(boolean is3d) {
        Matrix x = Matrix.ofRows(X, 2);
        Matrix com = Matrix.ofRows(COM, 3);
        return new SpatialDataTableWriter.Input(LABELS, "cells", List.of("DAPI", "CD3"),
                new Matrix(3, x.columns(), null, 1), extra(0), new long[] {100, 11, 12, 13},
                new Matrix(3, com.columns(), null, 1), is3d,
                is3d ? new double[] {100, 200, 300} : new double[] {200, 300}, 1);
    }

    private static Map<String, byte[]> written(SpatialDataTableWriter.Input in) {
        Store store = new MemoryStore("mem");
        SpatialDataTableWriter.write(store, "t", in, false);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String key : store.list("tables/t/")) {
            out.put(key, store.get(key));
        }
        return out;
    }

    @Test
    void aViewWritesTheBytesOfItsRowsCopied() {
        for (boolean is3d : new boolean[] {false, true}) {
            Map<String, byte[]> view = written(view(is3d));
            Map<String, byte[]> copied = written(copied(is3d));
            assertThat(view.keySet()).isEqualTo(copied.keySet()).contains("tables/t/X/0.0", "tables/t/obs/cells/0");
            copied.forEach((key, bytes) -> assertThat(view.get(key)).as(key).isEqualTo(bytes));
        }
        SpatialDataTableWriter.Input v = view(false);
        assertThat(v.labels()).containsExactly(7, 3, 5_000_000_000L);
        assertThat(v.shapeSize()).containsExactly(11, 12, 13);
        assertThat(v.x()[2]).containsExactly(Double.NaN, 0.125);
        assertThat(((Column.Float64) v.extraObs().get("max_CD3")).values()).containsExactly(10, 20, 30);
        assertThat(((Column.UInt64) v.extraObs().get("min_CD20")).bits()).containsExactly(-1, 1L << 63, 5);
        AnnDataTable t = SpatialDataTableWriter.build(new MemoryStore("mem"), v);
        assertThat(t.obsm().get("spatial")[0]).containsExactly(303, 202);
    }
}
