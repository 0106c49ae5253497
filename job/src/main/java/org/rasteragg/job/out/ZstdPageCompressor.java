package org.rasteragg.job.out;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet pages compressed as one Zstandard frame each, with zstd-jni directly (the library the
 * Zarr codecs already load): parquet-mr's own ZSTD codec goes through Hadoop's stream classes,
 * which the command's jar leaves out. Every reader decodes a page as one frame, so this is the
 * file any ZSTD writer makes. The bytes returned are valid until the next call (as with
 * parquet-mr's compressors: the page store copies them at once). Not thread-safe: one per thread.
 */
final class ZstdPageCompressor implements BytesInputCompressor {

    private final ZstdCompressCtx context;
    private byte[] out = new byte[0];

    ZstdPageCompressor(int level) {
        context = new ZstdCompressCtx().setLevel(level);
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        byte[] in = bytes.toByteArray();
        int bound = (int) Zstd.compressBound(in.length);
        if (out.length < bound) {
            out = new byte[bound];
        }
        int n = context.compressByteArray(out, 0, bound, in, 0, in.length);
        return BytesInput.from(out, 0, n);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.ZSTD;
    }

    /** Frees the native context; the compressor is not used afterwards. */
    @Override
    public void release() {
        context.close();
    }
}
