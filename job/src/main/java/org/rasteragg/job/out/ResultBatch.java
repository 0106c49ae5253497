package org.rasteragg.job.out;

import org.rasteragg.core.table.StatTable;

/**
 * Rows of the wide table for one field of view, column-major, as the engine produced them (the
 * columns of {@link org.rasteragg.job.plan.OutputPlan#computedColumns}). A field of view may come in
 * several batches (the Spark job streams its result); writers keep the order they are given.
 *
 * @param fov the labels element the rows belong to (obs["fov_labels"], the fov_labels column)
 * @param table the computed columns (read-only: the arrays are shared)
 * @param is3d whether the mask is (z, y, x)
 * @param translation the labels element's translation per spatial axis, or null
 */
public record ResultBatch(String fov, StatTable table, boolean is3d, double[] translation) {
}
