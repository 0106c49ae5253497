package org.rasteragg.zarr.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rasteragg.core.array.DType;

/** The fused decode-into-primitives path gives exactly what bytes-then-convert gives. */
class BloscDirectDecodeTest {

    private static final String[] CNAMES = {"lz4", "lz4hc", "zstd", "zlib"};

    @Property(tries = 150)
    void directDecodeEqualsTwoStageDecode(@ForAll @IntRange(min = 0, max = 9) int typeIndex,
            @ForAll @IntRange(min = 0, max = 3) int cname, @ForAll @IntRange(min = 0, max = 2) int shuffle,
            @ForAll @IntRange(min = 0, max = 3000) int elements, @ForAll boolean littleEndian,
            @ForAll @IntRange(min = 0, max = 4) int blockChoice, @ForAll long seed) {
        DType t = DType.values()[typeIndex];
        int size = t.byteSize();
        byte[] raw = new byte[elements * size];
        Random r = new Random(seed);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i % 11 == 0 ? r.nextInt() : i / 64);
        }
        int blocksize = blockChoice == 0 ? 0 : 128 * size * blockChoice;
        byte[] frame = BloscFrameWriter.compress(raw, size, CNAMES[cname], 5, shuffle, blocksize);
        Object direct = t.allocate(elements);
        boolean used = BloscFrame.decompressInto(frame, direct, elements, size, littleEndian);
        byte[] bytes = BloscFrame.decompress(frame, raw.length);
        assertThat(bytes).isEqualTo(raw);
        // Our frames always shuffle with the element size and use blocks of whole elements.
        assertThat(used).isEqualTo(size > 1);
        if (!used) {
            return;
        }
        Object expected = t.allocate(elements);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (expected instanceof short[] a) {
            bb.asShortBuffer().get(a);
            assertThat((short[]) direct).isEqualTo(a);
        } else if (expected instanceof int[] a) {
            bb.asIntBuffer().get(a);
            assertThat((int[]) direct).isEqualTo(a);
        } else if (expected instanceof long[] a) {
            bb.asLongBuffer().get(a);
            assertThat((long[]) direct).isEqualTo(a);
        } else if (expected instanceof float[] a) {
            bb.asFloatBuffer().get(a);
            assertThat((float[]) direct).isEqualTo(a);
        } else {
            double[] a = (double[]) expected;
            bb.asDoubleBuffer().get(a);
            assertThat((double[]) direct).isEqualTo(a);
        }
    }
}
