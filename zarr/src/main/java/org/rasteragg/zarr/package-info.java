/**
 * Zarr v2/v3 reading and writing, OME-NGFF and SpatialData layouts and AnnData tables.
 *
 * <p>Entry points: {@link org.rasteragg.zarr.Zarr} (open stores and arrays),
 * {@link org.rasteragg.zarr.spatialdata.SpatialDataStore} (elements by name),
 * {@link org.rasteragg.zarr.array.ZarrArrayWriter}, {@link org.rasteragg.zarr.ome.OmeZarrWriter},
 * {@link org.rasteragg.zarr.spatialdata.SpatialDataWriter} and
 * {@link org.rasteragg.zarr.anndata.SpatialDataTableWriter}. Every data error is a
 * {@link org.rasteragg.zarr.ZarrException}; any other exception is a bug (see there).
 */
package org.rasteragg.zarr;
