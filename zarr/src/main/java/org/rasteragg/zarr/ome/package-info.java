/**
 * OME-NGFF 0.4 (Zarr v2) and 0.5 (Zarr v3) images: multiscales, axes, scale/translation
 * transformations per coordinate system, omero channel names; and a writer of level 0.
 */
package org.rasteragg.zarr.ome;
