package org.rasteragg.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;

/**
 * A reader of NumPy's .npy format (versions 1.0, 2.0 and 3.0; little and big endian; every
 * signed and unsigned integer width, float32 and float64; C and Fortran order) into an
 * {@link InMemoryArray} with a chosen chunk shape. Test utility: whole file in memory.
 * Stateless and thread-safe.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A parsed .npy file: dtype, shape and the elements in C order in the dtype's storage array. */
    public record Parsed(DType dtype, long[] shape, Object data) {
        /** As an array with the given chunk shape. */
        public InMemoryArray chunked(int... chunkShape) {
            return new InMemoryArray(dtype, data, shape, chunkShape);
        }

        /** As an array with a single chunk. */
        public InMemoryArray unchunked() {
            return InMemoryArray.unchunked(dtype, data, shape);
        }

        /** Elements as long (integers; unsigned widened; uint64 as its bits). */
        public long[] asLongs() {
            int n = DType.bufferLength(data);
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                r[i] = Values.longAt(dtype, data, i);
            }
            return r;
        }

        /** Elements as double (uint64 read unsigned). */
        public double[] asDoubles() {
            int n = DType.bufferLength(data);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = Values.doubleAt(dtype, data, i);
            }
            return r;
        }
    }

    public static Parsed parse(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static Parsed parseResource(String resource) {
        try (InputStream in = Npy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return parse(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Reads {@code file} into an array with the given chunk shape. */
    public static InMemoryArray read(Path file, int... chunkShape) {
        return parse(file).chunked(chunkShape);
    }

    /** Reads a class-path resource into an array with the given chunk shape. */
    public static InMemoryArray readResource(String resource, int... chunkShape) {
        return parseResource(resource).chunked(chunkShape);
    }

    public static Parsed parse(byte[] bytes, String name) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException(name + ": not a .npy file (bad magic)");
        }
        int major = bytes[6] & 0xFF;
        ByteBuffer hb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLen = hb.getShort(8) & 0xFFFF;
                headerStart = 10;
            }
            case 2, 3 -> {
                long len = hb.getInt(8) & 0xFFFFFFFFL;
                if (len > bytes.length) {
                    throw new IllegalArgumentException(name + ": header length " + len + " beyond file end");
                }
                headerLen = (int) len;
                headerStart = 12;
            }
            default -> throw new IllegalArgumentException(name + ": unsupported .npy version " + major);
        }
        String header = new String(bytes, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        boolean fortran = group(FORTRAN, header, name, "fortran_order").equals("True");
        long[] shape = parseShape(group(SHAPE, header, name, "shape"));

        ByteOrder order = switch (descr.charAt(0)) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> throw new IllegalArgumentException(name + ": unsupported descr '" + descr + "'");
        };
        DType dtype = switch (descr.substring(1)) {
            case "i1" -> DType.INT8;
            case "u1" -> DType.UINT8;
            case "i2" -> DType.INT16;
            case "u2" -> DType.UINT16;
            case "i4" -> DType.INT32;
            case "u4" -> DType.UINT32;
            case "i8" -> DType.INT64;
            case "u8" -> DType.UINT64;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException(name + ": unsupported descr '" + descr + "'");
        };
        long count = 1;
        for (long s : shape) {
            count = Math.multiplyExact(count, s);
        }
        int dataStart = headerStart + headerLen;
        long need = count * dtype.byteSize();
        if (bytes.length - dataStart < need) {
            throw new IllegalArgumentException(name + ": " + (bytes.length - dataStart) + " data bytes, shape "
                    + Arrays.toString(shape) + " of " + descr + " needs " + need);
        }
        ByteBuffer db = ByteBuffer.wrap(bytes, dataStart, (int) need).slice().order(order);
        int n = (int) count;
        Object data = dtype.allocate(n);
        switch (dtype.byteSize()) {
            case 1 -> db.get((byte[]) data);
            case 2 -> db.asShortBuffer().get((short[]) data);
            case 4 -> {
                if (dtype.isInteger()) {
                    db.asIntBuffer().get((int[]) data);
                } else {
                    db.asFloatBuffer().get((float[]) data);
                }
            }
            default -> {
                if (dtype.isInteger()) {
                    db.asLongBuffer().get((long[]) data);
                } else {
                    db.asDoubleBuffer().get((double[]) data);
                }
            }
        }
        if (fortran && shape.length > 1) {
            data = fortranToC(dtype, data, shape);
        }
        return new Parsed(dtype, shape, data);
    }

    private static String group(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": header has no '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static long[] parseShape(String s) {
        List<Long> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.strip();
            if (!t.isEmpty()) {
                dims.add(Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** Reorders Fortran-order elements (first index fastest) into C order (last index fastest). */
    private static Object fortranToC(DType dtype, Object src, long[] shape) {
        int nd = shape.length;
        int n = DType.bufferLength(src);
        Object dst = dtype.allocate(n);
        long[] fStride = new long[nd];
        long s = 1;
        for (int d = 0; d < nd; d++) {
            fStride[d] = s;
            s *= shape[d];
        }
        int[] idx = new int[nd];
        for (int c = 0; c < n; c++) {
            long f = 0;
            for (int d = 0; d < nd; d++) {
                f += idx[d] * fStride[d];
            }
            System.arraycopy(src, (int) f, dst, c, 1);
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return dst;
    }
}
