package org.rasteragg.zarr.spatialdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.NoSuchNodeException;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.ome.OmeZarrImage;
import org.rasteragg.zarr.ome.Transform;

/** SpatialData/OME-NGFF reading of the python-written fixture, and our writer read back. */
class SpatialDataStoreTest {

    @TempDir
    Path dir;

    private final SpatialDataStore sd = SpatialDataStore.open(Fixtures.root().resolve("spatialdata.zarr"));

    @Test
    void listsElementsByKind() {
        assertThat(sd.images()).containsExactly("img2d", "img3d");
        assertThat(sd.labels()).containsExactly("cells2d", "cells3d");
        assertThat(sd.tables()).isEmpty();
        assertThat(sd.hasTable("table")).isFalse();
    }

    @Test
    void opensImagesWithAxesLevelsAndChannelNames() {
        OmeZarrImage img = sd.image("img2d");
        assertThat(img.axisNames()).containsExactly("c", "y", "x");
        assertThat(img.multiscales().axes().get(1).type()).isEqualTo("space");
        assertThat(img.multiscales().axes().get(1).unit()).isEqualTo("micrometer");
        assertThat(img.levelCount()).isEqualTo(2);
        assertThat(img.array().shape()).containsExactly(3, 20, 24);
        assertThat(img.level(1).shape()).containsExactly(3, 10, 12);
        assertThat(img.level("1").shape()).containsExactly(3, 10, 12);
        assertThat(img.multiscales().levels().get(1).transform().scale()).containsExactly(1, 2, 2);
        assertThat(img.channelNames()).containsExactly("DAPI", "CD3", "CD8");
        assertThat(sd.image("img3d").channelNames()).containsExactly("0", "1");
        assertThat(sd.image("img3d").array().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(sd.labels("cells3d").axisNames()).containsExactly("z", "y", "x");
        assertThat(sd.labels("cells2d").channelNames()).isEmpty();
    }

    @Test
    void readsElementTransformationsPerCoordinateSystem() {
        OmeZarrImage cells = sd.labels("cells3d");
        assertThat(cells.coordinateSystems()).containsExactly("global", "physical");
        assertThat(cells.transformation("global")).isEqualTo(Transform.ofTranslation(new double[] {1, 2, 3}));
        Transform physical = cells.transformation("physical");
        assertThat(physical.scale()).containsExactly(2, 0.5, 0.5);
        assertThat(physical.translation()).containsExactly(1, 2, 3);
        assertThat(sd.labelsTranslation("cells2d", "global")).containsExactly(10, 20);
        assertThat(sd.image("img2d").transformation("global").translation()).containsExactly(0, 10, 20);
    }

    @Test
    void missingThingsAreNamedWithWhatExists() {
        assertThatThrownBy(() -> sd.labels("nuclei")).isInstanceOf(NoSuchNodeException.class)
                .hasMessageContaining("no labels element 'nuclei'")
                .hasMessageContaining("labels: [cells2d, cells3d]")
                .hasMessageContaining("images: [img2d, img3d]");
        assertThatThrownBy(() -> sd.labels("cells2d").transformation("aligned"))
                .isInstanceOf(NoSuchNodeException.class)
                .hasMessageContaining("'aligned'").hasMessageContaining("[global, physical]");
        assertThatThrownBy(() -> sd.image("img2d").level(5)).isInstanceOf(NoSuchNodeException.class)
                .hasMessageContaining("levels 0..1");
        assertThatThrownBy(() -> sd.image("img2d").level("9")).isInstanceOf(NoSuchNodeException.class)
                .hasMessageContaining("[0, 1]");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void writtenStoreReadsBack(int format) {
        SpatialDataWriter w = SpatialDataWriter.create(dir.resolve("out" + format + ".zarr"), format, false);
        ZarrArrayWriter img = w.image("img").axes("c", "z", "y", "x").shape(2, 3, 10, 12).chunks(1, 1, 8, 8)
                .dtype(DType.UINT16).compressor(BloscConfig.lz4()).channelNames(List.of("DAPI", "CD45")).create();
        short[] data = new short[2 * 3 * 10 * 12];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) (i * 7);
        }
        img.writeAll(data);
        ZarrArrayWriter lab = w.labels("cells").axes("y", "x").shape(10, 12).chunks(5, 5).dtype(DType.INT32)
                .transformation("global", Transform.ofTranslation(new double[] {5, 7})).create();
        int[] labels = new int[120];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / 13;
        }
        lab.writeAll(labels);

        SpatialDataStore r = SpatialDataStore.open(dir.resolve("out" + format + ".zarr"));
        assertThat(r.images()).containsExactly("img");
        assertThat(r.labels()).containsExactly("cells");
        OmeZarrImage image = r.image("img");
        assertThat(image.multiscales().version()).isEqualTo(format == 3 ? "0.5" : "0.4");
        assertThat(image.channelNames()).containsExactly("DAPI", "CD45");
        assertThat(image.axisNames()).containsExactly("c", "z", "y", "x");
        ZarrArray a = image.array();
        assertThat((short[]) a.readAll()).isEqualTo(data);
        assertThat((int[]) r.labels("cells").array().readAll()).isEqualTo(labels);
        assertThat(r.labelsTranslation("cells", "global")).containsExactly(5, 7);
        assertThat(image.transformation("global")).isEqualTo(Transform.identity(4));
        assertThatThrownBy(() -> SpatialDataWriter.create(dir.resolve("out" + format + ".zarr"), format, false))
                .hasMessageContaining("already holds a Zarr store");
    }
}
