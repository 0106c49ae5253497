package org.rasteragg.job.io;

import java.util.List;
import org.rasteragg.core.array.ChunkedArray;

/**
 * One opened array with what a stats job needs to know about it.
 *
 * @param array the data: a label mask ((y, x) or (z, y, x)) or an image ((c, y, x), (c, z, y, x) or (y, x))
 * @param channelNames image channel names from the metadata (OME-NGFF omero.channels labels), or
 *     null where the metadata has none
 * @param translation the element's translation to its coordinate system, one entry per spatial axis
 *     ((y, x) or (z, y, x)), or null where it has none
 * @param description where it came from, for messages ("store.zarr/labels/cells/0")
 */
public record Raster(ChunkedArray array, List<String> channelNames, double[] translation, String description) {
}
