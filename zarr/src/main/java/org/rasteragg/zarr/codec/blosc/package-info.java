/**
 * Pure-Java Blosc1 frames: header, blocks, split streams, byte and bit shuffle, BloscLZ decoding;
 * LZ4 (lz4-java, JNI where available), Zstd (zstd-jni) and zlib (java.util.zip) per stream. No
 * native Blosc library is needed; all offsets are validated before any native decoder runs.
 */
package org.rasteragg.zarr.codec.blosc;
