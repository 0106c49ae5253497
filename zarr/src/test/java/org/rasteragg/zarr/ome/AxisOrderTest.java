package org.rasteragg.zarr.ome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.store.MemoryStore;
import org.rasteragg.zarr.store.Store;

/**
 * An OME-NGFF image whose axes are declared in another order than (t, c, z, y, x) is stored in
 * that order; {@link OmeZarrImage#view} presents it in the canonical order by a transposing view,
 * and its channel names stay attached to the channel axis.
 */
class AxisOrderTest {

    /** Value of the element at (y, c, x), distinct everywhere, so any misplaced element shows. */
    private static short value(int y, int c, int x) {
        return (short) (100 * c + 10 * y + x);
    }

    private static OmeZarrImage image(String[] axes, long[] shape, int[] chunks, short[] data) {
        Store store = new MemoryStore();
        OmeZarrWriter.builder(store, "img").axes(axes).shape(shape).chunks(chunks).dtype(DType.UINT16)
                .channelNames(List.of("DAPI", "CD3")).create().writeAll(data);
        return OmeZarrImage.open(store, "img");
    }

    @Test
    void axesDeclaredYcxAreReadAsCyx() {
        int ny = 5;
        int nc = 2;
        int nx = 7;
        short[] ycx = new short[ny * nc * nx];
        for (int y = 0; y < ny; y++) {
            for (int c = 0; c < nc; c++) {
                for (int x = 0; x < nx; x++) {
                    ycx[(y * nc + c) * nx + x] = value(y, c, x);
                }
            }
        }
        OmeZarrImage img = image(new String[] {"y", "c", "x"}, new long[] {ny, nc, nx}, new int[] {2, 1, 3}, ycx);
        assertThat(img.isCanonicalOrder()).isFalse();
        assertThat(img.canonicalAxisOrder()).containsExactly(1, 0, 2);
        assertThat(img.canonicalAxisNames()).containsExactly("c", "y", "x");
        assertThat(img.channelNames()).containsExactly("DAPI", "CD3");

        ChunkedArray cyx = img.view(0);
        assertThat(cyx.shape()).containsExactly(nc, ny, nx);
        assertThat(cyx.chunkShape()).containsExactly(1, 2, 3);
        int[] chunk = cyx.chunkShape();
        short[] buf = new short[cyx.grid().chunkElements()];
        long[] grid = cyx.grid().gridShape();
        int checked = 0;
        for (int gc = 0; gc < grid[0]; gc++) {
            for (int gy = 0; gy < grid[1]; gy++) {
                for (int gx = 0; gx < grid[2]; gx++) {
                    cyx.readChunk(new long[] {gc, gy, gx}, buf);
                    for (int c = 0; c < chunk[0]; c++) {
                        for (int y = 0; y < chunk[1] && gy * chunk[1] + y < ny; y++) {
                            for (int x = 0; x < chunk[2] && gx * chunk[2] + x < nx; x++) {
                                int yy = gy * chunk[1] + y;
                                int xx = gx * chunk[2] + x;
                                int cc = gc * chunk[0] + c;
                                assertThat(buf[(c * chunk[1] + y) * chunk[2] + x]).as("c %d y %d x %d", cc, yy, xx)
                                        .isEqualTo(value(yy, cc, xx));
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(ny * nc * nx);
    }

    @Test
    void canonicalDeclarationsAreTheArrayItself() {
        OmeZarrImage img = image(new String[] {"c", "y", "x"}, new long[] {2, 3, 4}, new int[] {1, 3, 4},
                new short[24]);
        assertThat(img.isCanonicalOrder()).isTrue();
        assertThat(img.view(0)).isInstanceOf(org.rasteragg.zarr.array.ZarrArray.class);
    }

    @Test
    void xBeforeYIsBroughtToYx() {
        OmeZarrImage img = image(new String[] {"x", "c", "y"}, new long[] {4, 2, 3}, new int[] {4, 2, 3},
                new short[24]);
        assertThat(img.canonicalAxisNames()).containsExactly("c", "y", "x");
        assertThat(img.view(0).shape()).containsExactly(2, 3, 4);
    }

    @Test
    void duplicateAxisNamesAreRefused() {
        Store store = new MemoryStore();
        OmeZarrWriter.builder(store, "img").axes("y", "y").shape(2, 2).chunks(2, 2).dtype(DType.UINT8).create()
                .writeAll(new byte[4]);
        assertThatThrownBy(() -> OmeZarrImage.open(store, "img")).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("memory/img").hasMessageContaining("distinct, non-empty names");
    }
}
