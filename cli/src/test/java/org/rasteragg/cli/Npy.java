package org.rasteragg.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;

/** Reads the little-endian, C-order .npy files of the test fixtures into in-memory arrays. */
final class Npy {

    private Npy() {
    }

    static InMemoryArray read(Path file, int[] chunks) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        int headerLen = b.getShort(8) & 0xFFFF;
        String header = new String(b.array(), 10, headerLen, StandardCharsets.US_ASCII);
        b.position(10 + headerLen);
        Matcher d = Pattern.compile("'descr': '[<|](\\w)(\\d)'").matcher(header);
        Matcher s = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
        if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
            throw new IOException("unsupported npy header " + header);
        }
        String[] dims = s.group(1).split(",");
        int nd = 0;
        long[] shape = new long[dims.length];
        long n = 1;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape[nd] = Long.parseLong(dim.trim());
                n *= shape[nd++];
            }
        }
        shape = java.util.Arrays.copyOf(shape, nd);
        String kind = d.group(1);
        int width = Integer.parseInt(d.group(2));
        DType t = DType.fromNumpyName((kind.equals("f") ? "float" : kind.equals("u") ? "uint" : "int") + width * 8);
        Object data = t.allocate((int) n);
        ByteBuffer body = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (width) {
            case 1 -> body.get((byte[]) data);
            case 2 -> body.asShortBuffer().get((short[]) data);
            case 4 -> {
                if (t.isInteger()) {
                    body.asIntBuffer().get((int[]) data);
                } else {
                    body.asFloatBuffer().get((float[]) data);
                }
            }
            default -> {
                if (t.isInteger()) {
                    body.asLongBuffer().get((long[]) data);
                } else {
                    body.asDoubleBuffer().get((double[]) data);
                }
            }
        }
        return new InMemoryArray(t, data, shape, chunks);
    }
}
