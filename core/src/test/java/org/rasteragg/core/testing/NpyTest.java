package org.rasteragg.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;

/** The Npy reader on files numpy wrote (tools/fixtures/core/make_core_fixtures.py, npy_files()). */
class NpyTest {

    private static final String[] KINDS = {"i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f4", "f8"};
    private static final DType[] TYPES = {DType.INT8, DType.UINT8, DType.INT16, DType.UINT16, DType.INT32,
        DType.UINT32, DType.INT64, DType.UINT64, DType.FLOAT32, DType.FLOAT64};

    static Stream<Arguments> files() {
        List<Arguments> r = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            for (String e : new String[] {"le", "be"}) {
                for (String o : new String[] {"C", "F"}) {
                    r.add(Arguments.of(KINDS[k] + "_" + e + "_" + o + "_v1.npy", TYPES[k]));
                    if (KINDS[k].equals("u2") || KINDS[k].equals("f8")) {
                        r.add(Arguments.of(KINDS[k] + "_" + e + "_" + o + "_v2.npy", TYPES[k]));
                        r.add(Arguments.of(KINDS[k] + "_" + e + "_" + o + "_v3.npy", TYPES[k]));
                    }
                }
            }
        }
        return r.stream();
    }

    /** make_core_fixtures.expected_values: 0..23 (minus 12 when signed), dtype min first, max last. */
    static Object expected(DType t) {
        Object buf = t.allocate(24);
        for (int i = 0; i < 24; i++) {
            if (t.isInteger()) {
                Values.setLong(t, buf, i, i - (t.isSigned() ? 12 : 0));
            } else {
                Values.setDouble(t, buf, i, i * 0.5 - 3.25);
            }
        }
        switch (t) {
            case INT8 -> { Values.setLong(t, buf, 0, Byte.MIN_VALUE); Values.setLong(t, buf, 23, Byte.MAX_VALUE); }
            case UINT8 -> { Values.setLong(t, buf, 0, 0); Values.setLong(t, buf, 23, 255); }
            case INT16 -> { Values.setLong(t, buf, 0, Short.MIN_VALUE); Values.setLong(t, buf, 23, Short.MAX_VALUE); }
            case UINT16 -> { Values.setLong(t, buf, 0, 0); Values.setLong(t, buf, 23, 65535); }
            case INT32 -> { Values.setLong(t, buf, 0, Integer.MIN_VALUE); Values.setLong(t, buf, 23, Integer.MAX_VALUE); }
            case UINT32 -> { Values.setLong(t, buf, 0, 0); Values.setLong(t, buf, 23, 0xFFFFFFFFL); }
            case INT64 -> { Values.setLong(t, buf, 0, Long.MIN_VALUE); Values.setLong(t, buf, 23, Long.MAX_VALUE); }
            case UINT64 -> { Values.setLong(t, buf, 0, 0); Values.setLong(t, buf, 23, -1L); }
            case FLOAT32 -> { ((float[]) buf)[0] = -Float.MAX_VALUE; ((float[]) buf)[23] = Float.MIN_NORMAL; }
            case FLOAT64 -> { ((double[]) buf)[0] = -Double.MAX_VALUE; ((double[]) buf)[23] = Double.MIN_NORMAL; }
        }
        return buf;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsEveryDtypeOrderAndVersion(String file, DType type) {
        Npy.Parsed p = Npy.parseResource("/npy/" + file);
        assertThat(p.dtype()).isEqualTo(type);
        assertThat(p.shape()).containsExactly(2, 3, 4);
        Object want = expected(type);
        for (int i = 0; i < 24; i++) {
            if (type.isInteger()) {
                assertThat(Values.longAt(type, p.data(), i)).as("element %d", i).isEqualTo(Values.longAt(type, want, i));
            } else {
                assertThat(Values.doubleAt(type, p.data(), i)).as("element %d", i).isEqualTo(Values.doubleAt(type, want, i));
            }
        }
    }

    @Test
    void chunkedResultReadsLikeTheFile() {
        InMemoryArray a = Npy.readResource("/npy/i2_be_F_v1.npy", 1, 2, 3);
        assertThat(a.dtype()).isEqualTo(DType.INT16);
        assertThat(a.chunkShape()).containsExactly(1, 2, 3);
        short[] buf = new short[6];
        a.readChunk(new long[] {1, 1, 1}, buf); // element (1, 2, 3) is the last = int16 max, partial chunk
        // (1,2,3) -> flat 23; the chunk [1, 2..3, 3..5] holds only (1,2,3) at buffer offset 0
        assertThat(buf[0]).isEqualTo(Short.MAX_VALUE);
        a.readChunk(new long[] {0, 0, 0}, buf);
        assertThat(buf).containsExactly((short) Short.MIN_VALUE, (short) -11, (short) -10, (short) -8, (short) -7, (short) -6);
    }

    @Test
    void oneDimensionalAndEmpty() {
        Npy.Parsed p = Npy.parseResource("/npy/i8_1d.npy");
        assertThat(p.shape()).containsExactly(3);
        assertThat(p.asLongs()).containsExactly(5, -6, 7);
        Npy.Parsed e = Npy.parseResource("/npy/f4_empty.npy");
        assertThat(e.shape()).containsExactly(0, 3);
        assertThat(e.asDoubles()).isEmpty();
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Npy.parse("not numpy at all".getBytes(StandardCharsets.US_ASCII), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic");
        byte[] header = "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }      \n".getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[10 + header.length + 16];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, 0}, 0, file, 0, 10);
        System.arraycopy(header, 0, file, 10, header.length);
        assertThatThrownBy(() -> Npy.parse(file, "complex.npy")).hasMessageContaining("<c16");
    }
}
