/**
 * Codec stages as in Zarr v3: {@link org.rasteragg.zarr.codec.ArrayArrayCodec} (transpose),
 * {@link org.rasteragg.zarr.codec.ArrayBytesCodec} (bytes, sharding_indexed) and
 * {@link org.rasteragg.zarr.codec.BytesBytesCodec} (blosc, zstd, gzip, zlib, lz4, crc32c).
 * Configurations ({@code *Config} records) are separate from runtime codecs, which are built per
 * chunk spec and are immutable and thread-safe. {@link org.rasteragg.zarr.codec.CodecRegistry}
 * discovers providers with ServiceLoader; {@link org.rasteragg.zarr.codec.CodecPipeline} validates
 * the stage order.
 */
package org.rasteragg.zarr.codec;
