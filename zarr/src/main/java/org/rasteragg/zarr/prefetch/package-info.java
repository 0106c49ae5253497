/**
 * Reading chunks ahead of the engine, in its block order, so that remote stores keep many requests
 * in flight: {@link org.rasteragg.zarr.prefetch.BlockOrderPrefetch}.
 */
package org.rasteragg.zarr.prefetch;
