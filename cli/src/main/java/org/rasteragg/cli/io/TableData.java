package org.rasteragg.cli.io;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * An AnnData table in harpy's layout (shared SEMANTICS.md, "The AnnData table"), as primitive
 * columns: one row per cell (background already dropped), one X column per channel.
 *
 * @param labelsName the labels element the table annotates (obs fov_labels, uns region)
 * @param labels the cell labels (obs cell_ID)
 * @param channelNames var index
 * @param x X as x[row][channel]
 * @param shapeSize voxel count per cell (obs shapeSize)
 * @param extraObs further float64 obs columns ("var_CD3", ...), in order
 * @param center center of mass per cell, center[row] = (z, y, x) in voxels
 * @param is3d whether the data is 3D (obsm spatial is (z, x, y) rather than (x, y))
 * @param translation the labels element's translation per spatial axis, or null
 */
public record TableData(String labelsName, long[] labels, List<String> channelNames, double[][] x, long[] shapeSize,
        LinkedHashMap<String, double[]> extraObs, double[][] center, boolean is3d, double[] translation) {
}
