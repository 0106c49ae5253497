package org.rasteragg.zarr.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Exception;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.store.DelegatingStore;
import org.rasteragg.zarr.store.MemoryStore;
import org.rasteragg.zarr.store.Store;

/**
 * Streams at the edge of their format, read as numcodecs reads them (Python's gzip reader
 * decodes every member, skips zero padding, refuses other trailing bytes), and the line between
 * corrupt data (a {@link ZarrFormatException}) and a bug (any other exception, passed through).
 */
class HostileStreamsTest {

    private static final ChunkSpec BYTES = new ChunkSpec(new int[] {8}, DType.UINT8,
            FillValue.zero(DType.UINT8));

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(s.getBytes(StandardCharsets.US_ASCII));
        }
        return bos.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            bos.writeBytes(p);
        }
        return bos.toByteArray();
    }

    private static BytesBytesCodec gzipCodec() {
        return (BytesBytesCodec) new GzipConfig(5).create(BYTES);
    }

    @Test
    void twoConcatenatedGzipMembersDecodeToBothAsPythonGzipDoes() throws IOException {
        // python3 -c "import gzip; print(gzip.decompress(gzip.compress(b'abcd') + gzip.compress(b'efgh')))"
        // prints b'abcdefgh'.
        byte[] two = concat(gzip("abcd"), gzip("efgh"));
        assertThat(new String(gzipCodec().decode(two, 8), StandardCharsets.US_ASCII)).isEqualTo("abcdefgh");
        assertThat(new String(gzipCodec().decode(two, -1), StandardCharsets.US_ASCII)).isEqualTo("abcdefgh");
    }

    @Test
    void zeroPaddingAfterAMemberIsSkippedAsPythonGzipSkipsIt() throws IOException {
        byte[] padded = concat(gzip("abcdefgh"), new byte[5]);
        assertThat(new String(gzipCodec().decode(padded, 8), StandardCharsets.US_ASCII)).isEqualTo("abcdefgh");
    }

    @Test
    void otherBytesAfterAMemberAreRefused() throws IOException {
        byte[] trailing = concat(gzip("abcdefgh"), "zz".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> gzipCodec().decode(trailing, 8)).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("gzip: data after member end at byte " + (trailing.length - 2)
                        + " is not a gzip member");
    }

    @Test
    void membersTogetherLargerThanTheChunkAreRefused() throws IOException {
        byte[] two = concat(gzip("abcd"), gzip("efghi"));
        assertThatThrownBy(() -> gzipCodec().decode(two, 8)).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("gzip: stream holds more than the expected 4 bytes");
    }

    // Findings of FormatFuzzTest (lz4 target: 725 runs at 2.3 GB RSS): a header may claim any size;
    // each codec now bounds the claim by its best compression ratio before allocating the output.

    @Test
    void anLz4HeaderClaimingMoreThanItsBytesCanHoldIsRefusedBeforeAllocating() {
        byte[] claims2Gb = {(byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x10};
        BytesBytesCodec lz4 = (BytesBytesCodec) new Lz4Config(1).create(BYTES);
        assertThatThrownBy(() -> lz4.decode(claims2Gb, -1)).isInstanceOf(ZarrFormatException.class)
                .hasMessage("lz4: header says 2147483632 bytes, more than the 1 compressed bytes can hold");
    }

    @Test
    void aZstdFrameClaimingMoreThanItsBytesCanHoldIsRefusedBeforeAllocating() {
        // Magic, then a single-segment frame header with a 4-byte content size of 2^30, and no blocks.
        byte[] frame = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, (byte) 0xA0, 0x00, 0x00, 0x00, 0x40};
        assertThatThrownBy(() -> ZstdConfig.decompress(frame, 0, frame.length, -1, "zstd"))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessage("zstd: frame of 9 bytes claims 1073741824 bytes, more than zstd can produce from it");
    }

    @Test
    void aBloscHeaderClaimingMoreThanItsBytesCanHoldIsRefusedBeforeAllocating() {
        byte[] frame = new byte[16];
        frame[0] = 2;
        frame[2] = 0x01;
        frame[3] = 1;
        java.nio.ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 0x7FFFFFF0)
                .putInt(8, 65536).putInt(12, 16);
        assertThatThrownBy(() -> org.rasteragg.zarr.codec.blosc.BloscFrame.decompress(frame, -1))
                .isInstanceOf(ZarrFormatException.class).hasMessageContaining("blosc: frame of 16 bytes claims "
                        + "2147483632 decompressed bytes");
    }

    @Test
    void aCorruptZstdStreamInsideABloscFrameIsADataError() throws IOException {
        // FormatFuzzTest blosc finding (34 runs): zstd-jni throws ZstdException from inside BloscFrame.
        byte[] frame;
        try (var in = HostileStreamsTest.class.getResourceAsStream(
                "/org/rasteragg/zarr/fuzz/FormatFuzzTestInputs/blosc/crash-9b79a485bc381b8a87581778ad20abf51f9a2397")) {
            frame = in.readAllBytes();
        }
        assertThatThrownBy(() -> org.rasteragg.zarr.codec.blosc.BloscFrame.decompress(frame, -1))
                .isInstanceOf(ZarrFormatException.class).hasMessageContaining("blosc zstd stream: corrupt data")
                .hasCauseInstanceOf(ZstdException.class);
    }

    @Test
    void libraryErrorsForMalformedInputAreDataErrors() {
        assertThat(MalformedInput.orRethrow(new LZ4Exception("Malformed input at 3"), "numcodecs.lz4", 9))
                .isInstanceOf(ZarrFormatException.class).hasMessage("numcodecs.lz4: corrupt data (9 bytes): "
                        + "Malformed input at 3");
        assertThat(MalformedInput.orRethrow(new ZstdException(10, "Data corruption detected"), "zstd", 5))
                .isInstanceOf(ZarrFormatException.class).hasMessageContaining("zstd: corrupt data (5 bytes)");
    }

    @Test
    void anyOtherExceptionIsABugAndPassesThrough() {
        NullPointerException bug = new NullPointerException("a bug");
        assertThatThrownBy(() -> MalformedInput.orRethrow(bug, "zstd", 5)).isSameAs(bug);
        ArrayIndexOutOfBoundsException bug2 = new ArrayIndexOutOfBoundsException(12);
        assertThatThrownBy(() -> MalformedInput.orRethrow(bug2, "blosc", 5)).isSameAs(bug2);
    }

    @Test
    void aBugBelowAnArrayReadIsNotReportedAsACorruptChunk() {
        Store store = new MemoryStore();
        ZarrArrayWriter.builder(store, "a").zarrFormat(3).shape(8).chunks(8).dtype(DType.UINT8)
                .compressor(new GzipConfig(1)).create().writeAll(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        // A store with a bug: it fails with an IllegalStateException for chunk reads.
        Store buggy = new DelegatingStore(store) {
            @Override
            public byte[] get(String key) {
                if (key.startsWith("a/c/")) {
                    throw new IllegalStateException("bug in a store");
                }
                return delegate.get(key);
            }
        };
        ZarrArray a = org.rasteragg.zarr.Zarr.open(buggy, "a");
        assertThatThrownBy(() -> a.readChunk(new long[] {0}, new byte[8])).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(ZarrException.class).hasMessage("bug in a store");
        // The same array with the chunk really corrupt: a data error naming the chunk.
        byte[] chunk = store.get("a/c/0");
        chunk[chunk.length - 1] ^= 1;
        store.put("a/c/0", chunk);
        ZarrArray b = org.rasteragg.zarr.Zarr.open(store, "a");
        assertThatThrownBy(() -> b.readChunk(new long[] {0}, new byte[8])).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("chunk key 'a/c/0'").hasMessageContaining("gzip");
    }
}
