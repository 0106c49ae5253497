package org.rasteragg.core.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** InsertedAxisArray and the (z, y, x) / (c, z, y, x) adapters. */
class ChunkedArraysTest {

    private static InMemoryArray yx() {
        short[] d = new short[5 * 7];
        for (int i = 0; i < d.length; i++) {
            d[i] = (short) (i * 3 - 50);
        }
        return new InMemoryArray(DType.INT16, d, new long[] {5, 7}, new int[] {2, 3});
    }

    private static InMemoryArray cyx() {
        float[] d = new float[3 * 4 * 5];
        for (int i = 0; i < d.length; i++) {
            d[i] = i + 0.25f;
        }
        return new InMemoryArray(DType.FLOAT32, d, new long[] {3, 4, 5}, new int[] {2, 3, 2});
    }

    @Test
    void insertedAxisShapesAndReads() {
        InsertedAxisArray a = new InsertedAxisArray(yx(), 1);
        assertThat(a.shape()).containsExactly(5, 1, 7);
        assertThat(a.chunkShape()).containsExactly(2, 1, 3);
        assertThat(a.dtype()).isEqualTo(DType.INT16);
        short[] viaView = new short[6];
        short[] direct = new short[6];
        a.readChunk(new long[] {2, 0, 2}, viaView);
        yx().readChunk(new long[] {2, 2}, direct);
        assertThat(viaView).containsExactly(direct);
        assertThat(viaView[0]).isEqualTo((short) ((4 * 7 + 6) * 3 - 50));
        assertThat(a.description()).isEqualTo(yx().description());
    }

    @Test
    void insertedAxisAtTheEnd() {
        InsertedAxisArray a = new InsertedAxisArray(yx(), 2);
        assertThat(a.shape()).containsExactly(5, 7, 1);
        assertThat(a.grid().gridShape()).containsExactly(3, 3, 1);
        short[] buf = new short[6];
        a.readChunk(new long[] {1, 1, 0}, buf);
        assertThat(buf[0]).isEqualTo((short) ((2 * 7 + 3) * 3 - 50));
    }

    @Test
    void insertedAxisRejectsBadAxisAndPosition() {
        assertThatThrownBy(() -> new InsertedAxisArray(yx(), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InsertedAxisArray(yx(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InsertedAxisArray(yx(), 0).readChunk(new long[] {1, 0, 0}, new short[6]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void maskAsZyx() {
        ChunkedArray m = ChunkedArrays.maskAsZyx(yx());
        assertThat(m.shape()).containsExactly(1, 5, 7);
        assertThat(m.chunkShape()).containsExactly(1, 2, 3);
        short[] a = new short[6];
        short[] b = new short[6];
        for (long y = 0; y < 3; y++) {
            for (long x = 0; x < 3; x++) {
                m.readChunk(new long[] {0, y, x}, a);
                yx().readChunk(new long[] {y, x}, b);
                assertThat(Arrays.copyOf(a, 1)).containsExactly(b[0]);
            }
        }
        InMemoryArray zyx = new InMemoryArray(DType.UINT8, new byte[8], new long[] {2, 2, 2}, new int[] {1, 2, 2});
        assertThat(ChunkedArrays.maskAsZyx(zyx)).isSameAs(zyx);
        InMemoryArray d4 = new InMemoryArray(DType.UINT8, new byte[16], new long[] {2, 2, 2, 2}, new int[] {1, 2, 2, 2});
        assertThat(ChunkedArrays.maskAsZyx(d4).ndim()).isEqualTo(4);
    }

    @Test
    void imageAsCzyxFrom2d() {
        ChunkedArray i = ChunkedArrays.imageAsCzyx(yx());
        assertThat(i.shape()).containsExactly(1, 1, 5, 7);
        assertThat(i.chunkShape()).containsExactly(1, 1, 2, 3);
        short[] a = new short[6];
        i.readChunk(new long[] {0, 0, 1, 2}, a);
        assertThat(a[0]).isEqualTo((short) ((2 * 7 + 6) * 3 - 50));
    }

    @Test
    void imageAsCzyxFrom3d() {
        ChunkedArray i = ChunkedArrays.imageAsCzyx(cyx());
        assertThat(i.shape()).containsExactly(3, 1, 4, 5);
        assertThat(i.chunkShape()).containsExactly(2, 1, 3, 2);
        float[] a = new float[12];
        i.readChunk(new long[] {1, 0, 1, 2}, a);
        // chunk c 2..3 (only c=2 valid), y 3..5 (only y=3), x 4..5 (only x=4): element (2, 3, 4)
        assertThat(a[0]).isEqualTo((2 * 20 + 3 * 5 + 4) + 0.25f);
        InMemoryArray czyx = new InMemoryArray(DType.UINT8, new byte[16], new long[] {2, 2, 2, 2}, new int[] {1, 2, 2, 2});
        assertThat(ChunkedArrays.imageAsCzyx(czyx)).isSameAs(czyx);
    }
}
