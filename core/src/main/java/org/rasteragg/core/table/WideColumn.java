package org.rasteragg.core.table;

import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;

/**
 * One column of the wide table ({@link AggregationResult#wideColumns}): its name, what it holds
 * and the type its values are exact in. Writers and the Spark schema are derived from this list,
 * so a new statistic adds its columns here once.
 *
 * @param name the column name ("cell_ID", "shapeSize", "mean_CD3", "z")
 * @param statistic what the column holds: null for the label column, COUNT for the voxel count,
 *     CENTER for a center-of-mass axis, else an image statistic
 * @param channel the image channel of an image statistic, the axis (0 = z) of a CENTER column, else -1
 * @param part which of a statistic's values per channel the column holds: the quantile's position
 *     in the requested list (QUANTILES), the axis (WCENTER), 0..5 for bbox min z, y, x then max z,
 *     y, x (BBOX), 0..2 for the radii then 3 + 3 i + axis for the axes (AXES); else 0
 * @param type INT64 for labels, counts and bounding boxes, the image dtype for min and max, else FLOAT64
 *     (UINT64 min and max are raw bits in their {@link LongColumn})
 */
public record WideColumn(String name, Statistic statistic, int channel, int part, DType type) {

    /**
     * Whether the column holds 64-bit integers ({@link LongColumn}) rather than float64 ones: labels,
     * counts, bounding boxes, and min and max of an int64 or uint64 image (raw bits for uint64).
     */
    public boolean isLong() {
        return statistic == null || statistic == Statistic.COUNT || statistic == Statistic.BBOX
                || (statistic == Statistic.MIN || statistic == Statistic.MAX)
                && (type == DType.INT64 || type == DType.UINT64);
    }

    /** Whether the column holds an image statistic of one channel. */
    public boolean isChannelStatistic() {
        return statistic != null && statistic.needsImage() && channel >= 0;
    }
}
