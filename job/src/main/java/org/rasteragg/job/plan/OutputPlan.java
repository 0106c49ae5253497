package org.rasteragg.job.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.job.StatsJob;

/**
 * The wide table every writer writes, defined once: the columns core's
 * {@link AggregationResult#wideColumns} gives for the reported statistics, and a {@code fov_labels}
 * column after the label column when more than one field of view is aggregated. The engine computes
 * {@link #computed} (a superset: the AnnData table also needs the count, the center and its X).
 *
 * @param columns the reported statistic columns, in order (without fov_labels)
 * @param computed the statistics the engine computes (the computed table has the columns of
 *     {@code wideColumns(computed, ...)})
 * @param channelNames the chosen channels' names (empty without an image)
 * @param imageType the image dtype, or null without an image
 * @param multiFov whether the rows come from several fields of view
 * @param tableX what X of the AnnData table holds
 * @param quantiles the job's quantiles (columns of QUANTILES)
 */
public record OutputPlan(List<WideColumn> columns, Set<Statistic> computed, List<String> channelNames,
        DType imageType, boolean multiFov, Statistic tableX, List<Quantile> quantiles) {

    public static final String INSTANCE_KEY = "cell_ID";
    public static final String INSTANCE_SIZE_KEY = "shapeSize";
    /** The column naming each row's labels element (harpy's region key). */
    public static final String FOV_COLUMN = "fov_labels";

    public OutputPlan {
        columns = List.copyOf(columns);
        channelNames = List.copyOf(channelNames);
        quantiles = quantiles == null ? Quantile.defaults() : List.copyOf(quantiles);
    }

    /**
     * The plan of a job whose images have these (chosen) channels and dtype.
     *
     * @param pairs how many fields of view the job aggregates
     */
    public static OutputPlan of(StatsJob job, List<String> channelNames, DType imageType, int pairs) {
        List<WideColumn> columns = AggregationResult.wideColumns(job.statistics(), job.quantiles(), channelNames,
                imageType, INSTANCE_KEY, INSTANCE_SIZE_KEY);
        return new OutputPlan(columns, job.computedStatistics(), channelNames, imageType, pairs > 1,
                job.outputs().tableX(), job.quantiles());
    }

    /** The columns of the table the engine produces (those written are a subset). */
    public List<WideColumn> computedColumns() {
        return AggregationResult.wideColumns(computed, quantiles, channelNames, imageType, INSTANCE_KEY,
                INSTANCE_SIZE_KEY);
    }

    /** The written column names in order, fov_labels included when there is one. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (WideColumn c : columns) {
            names.add(c.name());
            if (multiFov && c.statistic() == null) {
                names.add(FOV_COLUMN);
            }
        }
        return names;
    }
}
