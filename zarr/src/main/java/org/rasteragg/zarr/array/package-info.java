/**
 * Zarr arrays: {@link org.rasteragg.zarr.array.ArrayMetadata} (v2 and v3 in one model),
 * {@link org.rasteragg.zarr.array.ZarrArray} (core's ChunkedArray: lazy, per chunk, thread-safe),
 * {@link org.rasteragg.zarr.array.ZarrArrayWriter} and {@link org.rasteragg.zarr.array.ZarrGroup}.
 */
package org.rasteragg.zarr.array;
