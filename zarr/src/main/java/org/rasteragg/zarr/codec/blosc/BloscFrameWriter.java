package org.rasteragg.zarr.codec.blosc;

import static org.rasteragg.zarr.codec.blosc.BloscFrame.HEADER;
import static org.rasteragg.zarr.codec.blosc.BloscFrame.MIN_BUFFERSIZE;

import com.github.luben.zstd.Zstd;
import java.util.Arrays;
import java.util.zip.Deflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * Writes Blosc1 frames (the layout {@link BloscFrame} documents and reads), format version 2, with
 * lz4-java, zstd-jni and java.util.zip compressing each block. Stateless and thread-safe.
 */
public final class BloscFrameWriter {

    private static final LZ4Factory LZ4_CODECS = LZ4Factory.fastestInstance();

    private BloscFrameWriter() {
    }

    /**
     * Encodes one frame. Streams are never split (header bit 4 set), which every Blosc reader since
     * 1.11 honours; blocks that do not compress are stored raw, and a frame that would grow is
     * stored uncompressed.
     *
     * @param shuffle 0 none, 1 byte shuffle, 2 bit shuffle
     * @param blocksize bytes per block, 0 for automatic
     */
    public static byte[] compress(byte[] src, int typesize, String cname, int clevel, int shuffle, int blocksize) {
        if (typesize < 1 || typesize > 255) {
            throw new ZarrFormatException("blosc: typesize must be 1..255, found " + typesize);
        }
        int code = BloscFrame.compressorCode(cname);
        if (code == BloscFrame.BLOSCLZ || code == BloscFrame.SNAPPY) {
            throw new ZarrFormatException("blosc: writing with cname '" + cname
                    + "' is not supported; use lz4, lz4hc, zstd or zlib");
        }
        int nbytes = src.length;
        int flags = 0x10 | code << 5;
        if (shuffle == 1 && typesize > 1) {
            flags |= 0x01;
        } else if (shuffle == 2) {
            flags |= 0x04;
        }
        if (clevel == 0 || nbytes < MIN_BUFFERSIZE) {
            return memcpyFrame(src, typesize, flags);
        }
        int bs = blocksize > 0 ? blocksize : (code == BloscFrame.LZ4 ? 256 * 1024 : 512 * 1024);
        bs = Math.min(bs, nbytes);
        if (bs > typesize) {
            bs = bs / typesize * typesize;
        }
        int nblocks = (nbytes + bs - 1) / bs;
        byte[] out = new byte[HEADER + 4 * nblocks + nbytes + nblocks * 4 + 64];
        int pos = HEADER + 4 * nblocks;
        byte[] tmp = new byte[bs];
        LZ4Compressor lz4 = cname.equals("lz4hc") ? LZ4_CODECS.highCompressor(Math.max(1, clevel))
                : LZ4_CODECS.fastCompressor();
        byte[] scratch = new byte[Math.max(lz4.maxCompressedLength(bs), (int) Zstd.compressBound(bs)) + 64];
        for (int b = 0; b < nblocks; b++) {
            int bsize = Math.min(bs, nbytes - b * bs);
            byte[] block;
            int blockOff;
            if ((flags & 0x01) != 0) {
                Shuffle.byteShuffle(typesize, src, b * bs, tmp, 0, bsize);
                block = tmp;
                blockOff = 0;
            } else if ((flags & 0x04) != 0 && bsize >= typesize && (bsize / typesize) % 8 == 0) {
                // Format version 2 (what we write) bit-shuffles only blocks of a multiple of 8 elements.
                Shuffle.bitShuffle(typesize, src, b * bs, tmp, 0, bsize / typesize);
                System.arraycopy(src, b * bs + bsize / typesize * typesize, tmp, bsize / typesize * typesize,
                        bsize % typesize);
                block = tmp;
                blockOff = 0;
            } else {
                block = src;
                blockOff = b * bs;
            }
            int csize = compressStream(code, lz4, clevel, block, blockOff, bsize, scratch);
            writeInt(out, HEADER + 4 * b, pos);
            if (pos + 4 + bsize > out.length - 16) {
                return memcpyFrame(src, typesize, flags);
            }
            if (csize <= 0 || csize >= bsize) {
                writeInt(out, pos, bsize);
                System.arraycopy(block, blockOff, out, pos + 4, bsize);
                pos += 4 + bsize;
            } else {
                writeInt(out, pos, csize);
                System.arraycopy(scratch, 0, out, pos + 4, csize);
                pos += 4 + csize;
            }
        }
        if (pos >= nbytes + HEADER) {
            return memcpyFrame(src, typesize, flags);
        }
        writeHeader(out, typesize, flags, nbytes, bs, pos);
        return Arrays.copyOf(out, pos);
    }

    private static int compressStream(int code, LZ4Compressor lz4, int clevel, byte[] src, int off, int len,
            byte[] scratch) {
        switch (code) {
            case BloscFrame.LZ4:
                return lz4.compress(src, off, len, scratch, 0, scratch.length);
            case BloscFrame.ZSTD: {
                // Blosc's mapping of its 1..9 levels onto zstd's.
                int level = clevel < 9 ? 2 * clevel - 1 : 22;
                long n = Zstd.compressByteArray(scratch, 0, scratch.length, src, off, len, level);
                if (Zstd.isError(n)) {
                    throw new ZarrFormatException("blosc: zstd compression failed: " + Zstd.getErrorName(n));
                }
                return (int) n;
            }
            case BloscFrame.ZLIB: {
                Deflater d = new Deflater(clevel);
                try {
                    d.setInput(src, off, len);
                    d.finish();
                    int n = 0;
                    while (!d.finished()) {
                        if (n == scratch.length) {
                            return -1; // does not fit: store raw
                        }
                        n += d.deflate(scratch, n, scratch.length - n);
                    }
                    return n;
                } finally {
                    d.end();
                }
            }
            default:
                throw new ZarrFormatException("blosc: unsupported compressor code " + code);
        }
    }

    private static byte[] memcpyFrame(byte[] src, int typesize, int flags) {
        byte[] out = new byte[HEADER + src.length];
        writeHeader(out, typesize, (flags | 0x02), src.length, src.length, out.length);
        System.arraycopy(src, 0, out, HEADER, src.length);
        return out;
    }

    private static void writeHeader(byte[] out, int typesize, int flags, int nbytes, int blocksize, int cbytes) {
        out[0] = 2;
        out[1] = 1;
        out[2] = (byte) flags;
        out[3] = (byte) typesize;
        writeInt(out, 4, nbytes);
        writeInt(out, 8, Math.max(blocksize, 1));
        writeInt(out, 12, cbytes);
    }

    private static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
