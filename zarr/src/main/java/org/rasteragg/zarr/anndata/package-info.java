/**
 * AnnData tables in anndata's Zarr layout, and harpy's per-label intensity table written into a
 * SpatialData store ({@link org.rasteragg.zarr.anndata.SpatialDataTableWriter}).
 */
package org.rasteragg.zarr.anndata;
