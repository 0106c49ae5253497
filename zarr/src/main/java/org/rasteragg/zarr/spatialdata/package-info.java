/** SpatialData stores: images/, labels/ and tables/ elements by name; store and element writers. */
package org.rasteragg.zarr.spatialdata;
