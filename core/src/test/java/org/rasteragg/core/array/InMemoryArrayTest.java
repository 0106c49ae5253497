package org.rasteragg.core.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

class InMemoryArrayTest {

    /** 2 x 5 x 7 array of 0..69, chunks 2 x 2 x 3: grid 1 x 3 x 3, last chunks partial on y and x. */
    private static InMemoryArray arange257() {
        int[] d = new int[70];
        Arrays.setAll(d, i -> i);
        return new InMemoryArray(DType.INT32, d, new long[] {2, 5, 7}, new int[] {2, 2, 3});
    }

    @Test
    void gridOfPartialEdgeChunks() {
        InMemoryArray a = arange257();
        assertThat(a.grid().gridShape()).containsExactly(1, 3, 3);
        assertThat(a.grid().chunkCount()).isEqualTo(9);
        assertThat(a.grid().chunkElements()).isEqualTo(12);
        assertThat(a.grid().validExtent(new long[] {0, 2, 2}, 1)).isEqualTo(1);
        assertThat(a.grid().validExtent(new long[] {0, 2, 2}, 2)).isEqualTo(1);
        assertThat(a.grid().elementCount()).isEqualTo(70);
    }

    @Test
    void fullInteriorChunk() {
        int[] buf = new int[12];
        arange257().readChunk(new long[] {0, 1, 1}, buf);
        // z 0..1, y 2..3, x 3..5: flat = z*35 + y*7 + x
        assertThat(buf).containsExactly(17, 18, 19, 24, 25, 26, 52, 53, 54, 59, 60, 61);
    }

    @Test
    void partialCornerChunkFillsOnlyItsValidPart() {
        int[] buf = new int[12];
        Arrays.fill(buf, -1);
        arange257().readChunk(new long[] {0, 2, 2}, buf);
        // valid region z 0..1, y 4, x 6; C order over the FULL chunk shape (2, 2, 3)
        assertThat(buf[0]).isEqualTo(34);
        assertThat(buf[6]).isEqualTo(69);
        int[] partialX = new int[12];
        arange257().readChunk(new long[] {0, 0, 2}, partialX);
        assertThat(new int[] {partialX[0], partialX[3], partialX[6], partialX[9]}).containsExactly(6, 13, 41, 48);
    }

    @Test
    void everyStorageKind() {
        byte[] b = {1, -2, 3, -4, 5};
        InMemoryArray u8 = new InMemoryArray(DType.UINT8, b, new long[] {5}, new int[] {2});
        byte[] bb = new byte[2];
        u8.readChunk(new long[] {2}, bb);
        assertThat(bb[0]).isEqualTo((byte) 5);
        u8.readChunk(new long[] {1}, bb);
        assertThat(bb).containsExactly(3, -4);

        short[] s = {10, 20, 30, 40, 50, 60};
        short[] sb = new short[4];
        new InMemoryArray(DType.UINT16, s, new long[] {2, 3}, new int[] {2, 2}).readChunk(new long[] {0, 1}, sb);
        assertThat(sb[0]).isEqualTo((short) 30);
        assertThat(sb[2]).isEqualTo((short) 60);

        float[] f = {0.5f, 1.5f, 2.5f};
        float[] fb = new float[2];
        new InMemoryArray(DType.FLOAT32, f, new long[] {3}, new int[] {2}).readChunk(new long[] {1}, fb);
        assertThat(fb[0]).isEqualTo(2.5f);

        double[] dd = {1e300, -1e-300};
        double[] db = new double[2];
        InMemoryArray.unchunked(DType.FLOAT64, dd, 2).readChunk(new long[] {0}, db);
        assertThat(db).containsExactly(1e300, -1e-300);

        long[] l = {Long.MIN_VALUE, Long.MAX_VALUE, 3};
        long[] lb = new long[3];
        new InMemoryArray(DType.INT64, l, new long[] {1, 1, 3}, new int[] {1, 1, 3}).readChunk(new long[] {0, 0, 0}, lb);
        assertThat(lb).containsExactly(Long.MIN_VALUE, Long.MAX_VALUE, 3);
    }

    @Test
    void rejectsBadConstruction() {
        assertThatThrownBy(() -> new InMemoryArray(DType.INT32, new int[5], new long[] {2, 3}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5").hasMessageContaining("6");
        assertThatThrownBy(() -> new InMemoryArray(DType.INT32, new long[6], new long[] {2, 3}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32");
        assertThatThrownBy(() -> new InMemoryArray(DType.FLOAT32, new int[6], new long[] {2, 3}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryArray(DType.INT32, new int[6], new long[] {2, 3}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryArray(DType.INT32, new int[6], new long[] {2, 3}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsChunkOutsideGrid() {
        assertThatThrownBy(() -> arange257().readChunk(new long[] {0, 3, 0}, new int[12]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> arange257().readChunk(new long[] {-1, 0, 0}, new int[12]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void dtypeSentinelsAreNumpysLimits() {
        assertThat(DType.UINT16.maxValue()).isEqualTo(65535.0);
        assertThat(DType.INT8.minValue()).isEqualTo(-128.0);
        assertThat(DType.FLOAT32.maxValue()).isEqualTo(3.4028234663852886e+38);
        assertThat(DType.FLOAT64.minValue()).isEqualTo(-1.7976931348623157e+308);
        assertThat(DType.UINT32.maxValue()).isEqualTo(4294967295.0);
        assertThat(DType.INT64.minValueLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(DType.fromNumpyName("uint32")).isEqualTo(DType.UINT32);
        assertThatThrownBy(() -> DType.fromNumpyName("complex64")).hasMessageContaining("uint16");
    }

    record Layout(long[] shape, int[] chunks) {
        @Override
        public String toString() {
            return "shape " + Arrays.toString(shape) + " chunks " + Arrays.toString(chunks);
        }
    }

    @Provide
    Arbitrary<Layout> layouts() {
        return Arbitraries.integers().between(1, 4).flatMap(nd -> Combinators.combine(
                Arbitraries.longs().between(0, 7).array(long[].class).ofSize(nd),
                Arbitraries.integers().between(1, 8).array(int[].class).ofSize(nd)).as(Layout::new));
    }

    /** Every valid element of every chunk is the array element at chunk origin + offset. */
    @Property(tries = 200)
    void everyChunkHoldsItsRegion(@ForAll("layouts") Layout layout) {
        long n = 1;
        for (long s : layout.shape) {
            n *= s;
        }
        long[] data = new long[(int) n];
        Arrays.setAll(data, i -> i * 1_000_003L - 7);
        InMemoryArray a = new InMemoryArray(DType.INT64, data, layout.shape, layout.chunks);
        ChunkGrid g = a.grid();
        int nd = layout.shape.length;
        long[] pos = new long[nd];
        long seen = 0;
        long[] buf = new long[g.chunkElements()];
        for (long c = 0; c < g.chunkCount(); c++) {
            long r = c;
            for (int d = nd - 1; d >= 0; d--) {
                pos[d] = r % g.gridExtent(d);
                r /= g.gridExtent(d);
            }
            Arrays.fill(buf, Long.MIN_VALUE);
            a.readChunk(pos.clone(), buf);
            for (int e = 0; e < buf.length; e++) {
                int rem = e;
                long flat = 0;
                long stride = 1;
                boolean valid = true;
                int[] off = new int[nd];
                for (int d = nd - 1; d >= 0; d--) {
                    off[d] = rem % layout.chunks[d];
                    rem /= layout.chunks[d];
                }
                for (int d = nd - 1; d >= 0; d--) {
                    long gidx = pos[d] * layout.chunks[d] + off[d];
                    valid &= gidx < layout.shape[d];
                    flat += gidx * stride;
                    stride *= layout.shape[d];
                }
                if (valid) {
                    assertThat(buf[e]).as("chunk %s element %d", Arrays.toString(pos), e).isEqualTo(data[(int) flat]);
                    seen++;
                }
            }
        }
        assertThat(seen).isEqualTo(n);
    }
}
