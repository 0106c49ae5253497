package org.rasteragg.core.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The versioned binary form of a {@link LabelState}, what the Spark backend ships between
 * executors. Big-endian, as {@link DataOutputStream} writes:
 *
 * <pre>
 * offset  size  field
 * 0       4     magic "RAGS" (0x52414753)
 * 4       1     format version: 1 when only harpy's statistics are tracked (the layout of
 *               earlier builds, byte for byte), 3 when the state holds exact 64-bit extremes
 *               (an int64 or uint64 image with min/max), else 2
 * 5       1     moment order (0, 1, 2 or 4)
 * 6       1     flags: bit 0 = min/max tracked, bit 1 = coordinate sums tracked;
 *               version 2 also: bit 2 = bbox, bit 3 = coordinate moments (axes),
 *               bit 4 = weighted coordinate sums (wcenter), bit 5 = sorted values (quantiles);
 *               version 3 also: bit 6 = exact extremes are uint64 (else int64)
 * (version 2 with bit 5 only) 4 + 8 Q: quantile count Q, then the probabilities (float64)
 * 7       4     channels C
 * 11      4     label count L
 * then L records, each:
 *         8     label (int64)
 *         8     voxel count (int64)
 *         24    coordinate sums z, y, x (float64), only with flag bit 1
 *         per channel, in this order, each present only when tracked (float64):
 *               shift K and sum of (x - K) (order >= 1), M2 (order >= 2), M3, M4 (order 4),
 *               min, max (flag bit 0)
 *         (version 2, each only with its flag)
 *         48    bbox min z, y, x, max z, y, x (int64; bit 2)
 *         120   sums of z, y, x (int64), then of zz, yy, xx, zy, zx, yx as (high, low) int64
 *               pairs of a 128-bit integer (bit 3)
 *         24 C  per channel the sums of value x z, y, x (float64; bit 4)
 *         bit 5: 1 byte finished; finished: C x Q quantiles (float64, channel-major);
 *               else per channel: 4 pair count P, then P x (value float64, count int32),
 *               values strictly ascending
 *         (version 3) 16 C  per channel the exact min and max (int64; raw bits for uint64)
 * </pre>
 * Version 3 is version 2's layout (the part beyond harpy's present when its flags say so) plus
 * bit 6 and the exact extremes.
 *
 * Thread-safe (stateless).
 */
public final class LabelStateSerde {

    static final int MAGIC = 0x52414753;
    static final int VERSION = 2;
    private static final int HARPY_VERSION = 1;
    private static final int INT64_VERSION = 3;

    private LabelStateSerde() {
    }

    public static byte[] toBytes(LabelState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + state.size() * 64);
        write(state, bytes);
        return bytes.toByteArray();
    }

    public static LabelState fromBytes(byte[] bytes) {
        return read(new ByteArrayInputStream(bytes));
    }

    public static void write(LabelState state, OutputStream out) {
        try {
            DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
            Features f = state.features();
            int channels = state.channels();
            boolean beyond = !f.harpyOnly();
            Int64Extremes exact = state.int64;
            data.writeInt(MAGIC);
            data.writeByte(exact != null ? INT64_VERSION : beyond ? VERSION : HARPY_VERSION);
            data.writeByte(f.momentOrder());
            data.writeByte((f.minMax() ? 1 : 0) | (f.center() ? 2 : 0) | (f.bbox() ? 4 : 0) | (f.axes() ? 8 : 0)
                    | (f.wcenter() ? 16 : 0) | (f.ordered() ? 32 : 0) | (exact != null && exact.unsigned() ? 64 : 0));
            if (f.ordered()) {
                data.writeInt(f.quantiles().size());
                for (double q : f.quantiles()) {
                    data.writeDouble(q);
                }
            }
            data.writeInt(channels);
            data.writeInt(state.size());
            for (int s = 0; s < state.size(); s++) {
                data.writeLong(state.label(s));
                data.writeLong(state.count(s));
                if (f.center()) {
                    for (int a = 0; a < 3; a++) {
                        data.writeDouble(state.coordinateSum(s, a));
                    }
                }
                for (int c = 0; c < channels; c++) {
                    if (f.momentOrder() >= 1) {
                        data.writeDouble(state.shift(s, c));
                        data.writeDouble(state.shiftedSum(s, c));
                    }
                    if (f.momentOrder() >= 2) {
                        data.writeDouble(state.m2(s, c));
                    }
                    if (f.momentOrder() >= 4) {
                        data.writeDouble(state.m3(s, c));
                        data.writeDouble(state.m4(s, c));
                    }
                    if (f.minMax()) {
                        data.writeDouble(state.min(s, c));
                        data.writeDouble(state.max(s, c));
                    }
                }
                if (beyond) {
                    state.writeBeyond(s, data);
                }
                if (exact != null) {
                    exact.write(s, data);
                }
            }
            data.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write label state", e);
        }
    }

    /**
     * Reads a state written by {@link #write}.
     *
     * @throws IllegalArgumentException for bytes that are not a label state of a known version, or
     *     that end early
     */
    public static LabelState read(InputStream in) {
        DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        try {
            int magic = data.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException(String.format("not a label state: magic 0x%08x, expected 0x%08x",
                        magic, MAGIC));
            }
            int version = data.readUnsignedByte();
            if (version != VERSION && version != HARPY_VERSION && version != INT64_VERSION) {
                throw new IllegalArgumentException("label state format version " + version
                        + " is not supported (this build reads versions 1 to " + INT64_VERSION + ")");
            }
            int order = data.readUnsignedByte();
            int flags = data.readUnsignedByte();
            if (version == HARPY_VERSION ? flags > 3 : version == VERSION ? flags > 63 : flags > 127
                    || (flags & 1) == 0) {
                throw new IllegalArgumentException("corrupt label state header: flags " + flags + " in version "
                        + version);
            }
            java.util.List<Double> quantiles = new java.util.ArrayList<>();
            if ((flags & 32) != 0) {
                int nq = data.readInt();
                if (nq <= 0 || nq > 1 << 16) {
                    throw new IllegalArgumentException("corrupt label state header: " + nq + " quantiles");
                }
                for (int j = 0; j < nq; j++) {
                    quantiles.add(data.readDouble());
                }
            }
            Features f;
            try {
                f = new Features(order, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0,
                        (flags & 16) != 0, quantiles);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("corrupt label state header: " + e.getMessage(), e);
            }
            int channels = data.readInt();
            int size = data.readInt();
            if (channels < 0 || size < 0 || (f.needsImage() && channels == 0)) {
                throw new IllegalArgumentException("corrupt label state header: " + channels + " channels, " + size
                        + " labels");
            }
            LabelState state = new LabelState(f, channels, Math.min(size, 1 << 20));
            if (version == INT64_VERSION) {
                state.int64 = new Int64Extremes(channels, (flags & 64) != 0);
            }
            double[] coords = new double[3];
            double[] k = new double[channels];
            double[] s = new double[channels];
            double[] q2 = new double[channels];
            double[] q3 = new double[channels];
            double[] q4 = new double[channels];
            double[] lo = new double[channels];
            double[] hi = new double[channels];
            for (int i = 0; i < size; i++) {
                long label = data.readLong();
                long count = data.readLong();
                if (f.center()) {
                    for (int a = 0; a < 3; a++) {
                        coords[a] = data.readDouble();
                    }
                }
                for (int c = 0; c < channels; c++) {
                    if (order >= 1) {
                        k[c] = data.readDouble();
                        s[c] = data.readDouble();
                    }
                    if (order >= 2) {
                        q2[c] = data.readDouble();
                    }
                    if (order >= 4) {
                        q3[c] = data.readDouble();
                        q4[c] = data.readDouble();
                    }
                    if (f.minMax()) {
                        lo[c] = data.readDouble();
                        hi[c] = data.readDouble();
                    }
                }
                state.restore(label, count, coords, k, s, q2, q3, q4, lo, hi);
                if (!f.harpyOnly()) {
                    state.restoreBeyond(label, data);
                }
                if (state.int64 != null) {
                    state.int64.read(state.slotOf(label), data);
                }
            }
            return state;
        } catch (EOFException e) {
            throw new IllegalArgumentException("label state ends early (truncated)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read label state", e);
        }
    }
}
