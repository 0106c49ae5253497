package org.rasteragg.zarr.codec.blosc;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.codec.MalformedInput;

/**
 * Pure-Java reader of the Blosc1 frame ("chunk") format ({@link BloscFrameWriter} writes it), with lz4-java, zstd-jni and
 * java.util.zip doing the per-stream compression. Stateless and thread-safe; no native code is
 * handed an unchecked range (all offsets are validated against the frame first).
 *
 * <p>Layout (all integers little-endian):
 * <pre>
 * offset size  field
 *      0    1  format version (1..4 read; 2 written)
 *      1    1  compressor format version
 *      2    1  flags: bit0 byte shuffle, bit1 stored uncompressed (memcpy), bit2 bit shuffle,
 *              bit3 reserved (Blosc2 headers; rejected), bit4 "streams not split",
 *              bits5-7 compressor: 0 blosclz, 1 lz4/lz4hc, 2 snappy, 3 zlib, 4 zstd
 *      3    1  typesize
 *      4    4  nbytes: decompressed size
 *      8    4  blocksize
 *     12    4  cbytes: size of the whole frame
 *     16  4*b  start offset of each of the b = ceil(nbytes / blocksize) blocks (absent if memcpy)
 *  block:      for each stream s (typesize streams when split, else 1):
 *              int32 csize, csize bytes (raw copy when csize equals the stream's size)
 * </pre>
 * A block is split into typesize streams unless bit4 is set, it is the last, shorter block, or
 * (for frames older than bit4) typesize > 16 or blocksize/typesize < 128.
 */
public final class BloscFrame {

    /** Compressor codes of header bits 5-7. */
    public static final int BLOSCLZ = 0;
    public static final int LZ4 = 1;
    public static final int SNAPPY = 2;
    public static final int ZLIB = 3;
    public static final int ZSTD = 4;

    static final int HEADER = 16;
    static final int MIN_BUFFERSIZE = 128;
    private static final int MAX_SPLITS = 16;
    private static final LZ4Factory LZ4_FACTORY = LZ4Factory.fastestInstance();
    private static final LZ4SafeDecompressor LZ4_DECODER = LZ4_FACTORY.safeDecompressor();

    private BloscFrame() {
    }

    /** Decompressed size stated by a frame's header. */
    public static int decompressedSize(byte[] frame) {
        if (frame.length < HEADER) {
            throw new ZarrFormatException("blosc: " + frame.length + " bytes cannot hold the 16-byte header");
        }
        return readInt(frame, 4);
    }

    /** A validated frame header. */
    private record Header(int version, int flags, int typesize, int nbytes, int blocksize, int cbytes, int nblocks) {
        boolean memcpyed() {
            return (flags & 0x02) != 0;
        }

        boolean byteShuffle() {
            return (flags & 0x01) != 0 && typesize > 1;
        }

        boolean bitShuffle() {
            return (flags & 0x04) != 0;
        }

        int compressor() {
            return flags >>> 5;
        }

        boolean dontSplit() {
            return (flags & 0x10) != 0;
        }

        int blockSize(int block) {
            int leftover = nbytes % blocksize;
            return block == nblocks - 1 && leftover > 0 ? leftover : blocksize;
        }
    }

    /** Reads and validates the header (and the block offset table's extent) of a frame. */
    /**
     * The most output per input byte any inner compressor gives: zstd's, whose 4-byte RLE block
     * holds 128 KiB (lz4 reaches 255, deflate 1032).
     */
    private static final long MAX_RATIO = 32 * 1024;

    private static Header header(byte[] src, int expectedSize) {
        if (src.length < HEADER) {
            throw new ZarrFormatException("blosc: " + src.length + " bytes cannot hold the 16-byte header");
        }
        int version = src[0] & 0xFF;
        int flags = src[2] & 0xFF;
        int typesize = src[3] & 0xFF;
        int nbytes = readInt(src, 4);
        int blocksize = readInt(src, 8);
        int cbytes = readInt(src, 12);
        if (version < 1 || version > 4) {
            throw new ZarrFormatException("blosc: unknown format version " + version + " (expected 1..4)");
        }
        if ((flags & 0x08) != 0 || (flags & 0x05) == 0x05) {
            throw new ZarrFormatException("blosc: Blosc2 extended header (flags 0x" + Integer.toHexString(flags)
                    + ") is not supported");
        }
        if (nbytes < 0 || cbytes < HEADER) {
            throw new ZarrFormatException("blosc: invalid header sizes nbytes=" + nbytes + " cbytes=" + cbytes);
        }
        if (cbytes > src.length) {
            throw new ZarrFormatException("blosc: truncated frame, header says " + cbytes + " bytes but "
                    + src.length + " are present");
        }
        if (expectedSize >= 0 && nbytes != expectedSize) {
            throw new ZarrFormatException("blosc: frame decompresses to " + nbytes + " bytes, expected "
                    + expectedSize);
        }
        if (nbytes > (long) cbytes * MAX_RATIO) {
            // Checked before the output is allocated: a 16-byte frame must not claim 2 GB.
            throw new ZarrFormatException("blosc: frame of " + cbytes + " bytes claims " + nbytes
                    + " decompressed bytes, more than any of its compressors can produce");
        }
        if (nbytes == 0) {
            return new Header(version, flags, typesize, 0, Math.max(1, blocksize), cbytes, 0);
        }
        if ((flags & 0x02) != 0) {
            if (cbytes != nbytes + HEADER) {
                throw new ZarrFormatException("blosc: uncompressed frame of " + cbytes + " bytes, expected "
                        + (nbytes + HEADER));
            }
            return new Header(version, flags, typesize, nbytes, Math.max(1, blocksize), cbytes, 0);
        }
        if (typesize == 0 || blocksize <= 0 || blocksize > nbytes && nbytes >= MIN_BUFFERSIZE) {
            throw new ZarrFormatException("blosc: invalid typesize " + typesize + " or blocksize " + blocksize
                    + " for " + nbytes + " bytes");
        }
        int compressor = flags >>> 5;
        if (compressor == SNAPPY || compressor > ZSTD) {
            throw new ZarrFormatException("blosc: compressor code " + compressor
                    + (compressor == SNAPPY ? " (snappy)" : "") + " is not supported; expected blosclz, lz4, zlib or zstd");
        }
        long nblocks = ((long) nbytes + blocksize - 1) / blocksize;
        if (HEADER + 4 * nblocks > cbytes) {
            throw new ZarrFormatException("blosc: frame of " + cbytes + " bytes cannot hold " + nblocks
                    + " block offsets");
        }
        return new Header(version, flags, typesize, nbytes, blocksize, cbytes, (int) nblocks);
    }

    /**
     * Decodes one frame.
     *
     * @param expectedSize required decompressed size, or -1 to accept the header's
     */
    public static byte[] decompress(byte[] src, int expectedSize) {
        Header h = header(src, expectedSize);
        byte[] out = new byte[h.nbytes()];
        if (h.nbytes() == 0) {
            return out;
        }
        if (h.memcpyed()) {
            System.arraycopy(src, HEADER, out, 0, h.nbytes());
            return out;
        }
        boolean shuffled = h.byteShuffle() || h.bitShuffle();
        byte[] tmp = shuffled ? new byte[h.blocksize()] : null;
        Inflater inflater = h.compressor() == ZLIB ? new Inflater() : null;
        try {
            for (int b = 0; b < h.nblocks(); b++) {
                int bsize = h.blockSize(b);
                int outOff = b * h.blocksize();
                if (!shuffled) {
                    decompressBlock(src, h, b, out, outOff, inflater);
                } else {
                    decompressBlock(src, h, b, tmp, 0, inflater);
                    if (h.byteShuffle()) {
                        Shuffle.byteUnshuffle(h.typesize(), tmp, 0, out, outOff, bsize);
                    } else {
                        unBitShuffleBlock(h.version(), h.typesize(), tmp, out, outOff, bsize);
                    }
                }
            }
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
        return out;
    }

    /**
     * Decodes one frame straight into a primitive array of {@code elements} values of
     * {@code elementSize} bytes in the given byte order, unshuffling and converting in one pass.
     *
     * @return false when the frame's shuffle typesize or block size does not line up with the
     *     elements (the caller then decodes to bytes first); the size is checked either way
     */
    public static boolean decompressInto(byte[] src, Object destination, int elements, int elementSize,
            boolean littleEndian) {
        Header h = header(src, elements * elementSize);
        if (elementSize == 1) {
            return false;
        }
        if (h.nbytes() == 0) {
            return true;
        }
        ByteOrder order = littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        if (h.memcpyed()) {
            // Stored frames are never shuffled.
            copyInto(destination, 0, src, HEADER, h.nbytes(), order);
            return true;
        }
        boolean shuffled = h.byteShuffle() || h.bitShuffle();
        if (shuffled && h.typesize() != elementSize || h.blocksize() % elementSize != 0) {
            return false;
        }
        byte[] tmp = new byte[h.blocksize()];
        byte[] tmp2 = h.bitShuffle() ? new byte[h.blocksize()] : null;
        Inflater inflater = h.compressor() == ZLIB ? new Inflater() : null;
        try {
            for (int b = 0; b < h.nblocks(); b++) {
                int bsize = h.blockSize(b);
                int elementOff = b * (h.blocksize() / elementSize);
                decompressBlock(src, h, b, tmp, 0, inflater);
                if (h.byteShuffle()) {
                    Unshuffle.into(destination, elementOff, tmp, bsize / elementSize, littleEndian);
                } else if (h.bitShuffle()) {
                    unBitShuffleBlock(h.version(), h.typesize(), tmp, tmp2, 0, bsize);
                    copyInto(destination, elementOff, tmp2, 0, bsize, order);
                } else {
                    copyInto(destination, elementOff, tmp, 0, bsize, order);
                }
            }
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
        return true;
    }

    private static void copyInto(Object dest, int elementOff, byte[] src, int srcOff, int length, ByteOrder order) {
        ByteBuffer bb = ByteBuffer.wrap(src, srcOff, length).order(order);
        if (dest instanceof short[] a) {
            bb.asShortBuffer().get(a, elementOff, length / 2);
        } else if (dest instanceof int[] a) {
            bb.asIntBuffer().get(a, elementOff, length / 4);
        } else if (dest instanceof long[] a) {
            bb.asLongBuffer().get(a, elementOff, length / 8);
        } else if (dest instanceof float[] a) {
            bb.asFloatBuffer().get(a, elementOff, length / 4);
        } else if (dest instanceof double[] a) {
            bb.asDoubleBuffer().get(a, elementOff, length / 8);
        } else {
            throw new IllegalArgumentException("not a multi-byte primitive buffer: " + dest.getClass());
        }
    }

    /** Decompresses the streams of block {@code b} into {@code dest[destOff, destOff + blockSize(b))}. */
    private static void decompressBlock(byte[] src, Header h, int b, byte[] dest, int destOff, Inflater inflater) {
        int bsize = h.blockSize(b);
        boolean leftoverBlock = bsize != h.blocksize() || b == h.nblocks() - 1 && h.nbytes() % h.blocksize() != 0;
        int cbytes = h.cbytes();
        int start = readInt(src, HEADER + 4 * b);
        if (start < HEADER + 4 * h.nblocks() || start >= cbytes) {
            throw new ZarrFormatException("blosc: block " + b + " starts at " + start + ", outside the frame of "
                    + cbytes + " bytes");
        }
        int typesize = h.typesize();
        int nsplits = !h.dontSplit() && typesize <= MAX_SPLITS && bsize / typesize >= MIN_BUFFERSIZE
                && !leftoverBlock ? typesize : 1;
        int neblock = bsize / nsplits;
        int pos = start;
        for (int s = 0; s < nsplits; s++) {
            if (pos + 4 > cbytes) {
                throw new ZarrFormatException("blosc: block " + b + " truncated at byte " + pos);
            }
            int csize = readInt(src, pos);
            pos += 4;
            if (csize < 0 || csize > cbytes - pos) {
                throw new ZarrFormatException("blosc: block " + b + " stream " + s + " claims " + csize
                        + " bytes at " + pos + ", past the frame of " + cbytes + " bytes");
            }
            int target = destOff + s * neblock;
            if (csize == neblock) {
                System.arraycopy(src, pos, dest, target, neblock);
            } else {
                int n = decompressStream(h.compressor(), src, pos, csize, dest, target, neblock, inflater);
                if (n != neblock) {
                    throw new ZarrFormatException("blosc: block " + b + " stream " + s + " decompressed to " + n
                            + " bytes, expected " + neblock);
                }
            }
            pos += csize;
        }
    }

    private static void unBitShuffleBlock(int version, int typesize, byte[] tmp, byte[] out, int off, int bsize) {
        if (bsize < typesize) {
            System.arraycopy(tmp, 0, out, off, bsize);
            return;
        }
        int elements = bsize / typesize;
        if (version == 2 && elements % 8 != 0) {
            // Format version 2 bit-shuffled only blocks whose element count is a multiple of 8.
            System.arraycopy(tmp, 0, out, off, bsize);
            return;
        }
        int shuffled = elements - elements % 8;
        Shuffle.bitUnshuffle(typesize, tmp, 0, out, off, shuffled);
        int done = shuffled * typesize;
        System.arraycopy(tmp, done, out, off + done, bsize - done);
    }

    private static int decompressStream(int compressor, byte[] src, int off, int len, byte[] dst, int dstOff,
            int dstLen, Inflater inflater) {
        try {
            return decompressStreamUnchecked(compressor, src, off, len, dst, dstOff, dstLen, inflater);
        } catch (ZarrFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // lz4-java and zstd-jni throw for malformed streams (zstd-jni 1.5.7 even where older
            // versions returned an error code); those are corrupt frames, anything else a bug.
            throw MalformedInput.orRethrow(e, "blosc " + compressorName(compressor) + " stream", len);
        }
    }

    private static String compressorName(int code) {
        return switch (code) {
            case BLOSCLZ -> "blosclz";
            case LZ4 -> "lz4";
            case ZLIB -> "zlib";
            case ZSTD -> "zstd";
            default -> "compressor " + code;
        };
    }

    private static int decompressStreamUnchecked(int compressor, byte[] src, int off, int len, byte[] dst,
            int dstOff, int dstLen, Inflater inflater) {
        switch (compressor) {
            case BLOSCLZ:
                return BloscLz.decompress(src, off, len, dst, dstOff, dstLen);
            case LZ4:
                return LZ4_DECODER.decompress(src, off, len, dst, dstOff, dstLen);
            case ZLIB:
                inflater.reset();
                inflater.setInput(src, off, len);
                try {
                    int n = 0;
                    while (!inflater.finished() && n < dstLen) {
                        int got = inflater.inflate(dst, dstOff + n, dstLen - n);
                        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                            throw new ZarrFormatException("blosc: truncated zlib stream");
                        }
                        n += got;
                    }
                    return n;
                } catch (DataFormatException e) {
                    throw new ZarrFormatException("blosc: corrupt zlib stream: " + e.getMessage(), e);
                }
            case ZSTD:
                long n = Zstd.decompressByteArray(dst, dstOff, dstLen, src, off, len);
                if (Zstd.isError(n)) {
                    throw new ZarrFormatException("blosc: corrupt zstd stream: " + Zstd.getErrorName(n));
                }
                return (int) n;
            default:
                throw new ZarrFormatException("blosc: unsupported compressor code " + compressor);
        }
    }

    /** Compressor code for a numcodecs cname. */
    public static int compressorCode(String cname) {
        return switch (cname) {
            case "blosclz" -> BLOSCLZ;
            case "lz4", "lz4hc" -> LZ4;
            case "snappy" -> SNAPPY;
            case "zlib" -> ZLIB;
            case "zstd" -> ZSTD;
            default -> throw new ZarrFormatException("blosc: unknown cname '" + cname
                    + "'; expected blosclz, lz4, lz4hc, zlib, zstd");
        };
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }
}
