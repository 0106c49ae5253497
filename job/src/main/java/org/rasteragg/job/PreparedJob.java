package org.rasteragg.job;

import java.util.ArrayList;
import java.util.List;
import org.rasteragg.job.io.JobInputs;
import org.rasteragg.job.io.Raster;
import org.rasteragg.job.out.OutputTargets;
import org.rasteragg.job.out.TableWriters;
import org.rasteragg.job.plan.OutputPlan;

/**
 * A job checked against its inputs before anything is aggregated, the same for every engine: its
 * fields of view resolved (wildcards, pairs file), every array opened (a missing element fails in
 * seconds, not after the first field of view), their channels agreeing, the outputs writable, and
 * the output plan made.
 *
 * @param job the job
 * @param pairs its fields of view, in order
 * @param masks the opened mask of each field of view
 * @param images the opened image of each field of view (null entries without an image)
 * @param metadata the channels and dtype of each field of view
 * @param plan the table every writer writes
 */
public record PreparedJob(StatsJob job, List<FovPair> pairs, List<Raster> masks, List<Raster> images,
        List<FovMetadata> metadata, OutputPlan plan) {

    /** @throws JobException of the kind of the first problem; a failing field of view is named */
    public static PreparedJob prepare(StatsJob job, JobInputs inputs) {
        List<FovPair> pairs = job.inputs().pairs(inputs.labelsNames(), inputs.imageNames());
        StatsJob.Outputs outputs = job.outputs();
        if (outputs.table() != null && !outputs.overwrite() && inputs.tableNames().contains(outputs.table())) {
            throw JobException.data(job.inputs().sdata() + ": table '" + outputs.table()
                    + "' already exists; pass --overwrite to replace it");
        }
        OutputTargets.check(job, null);
        TableWriters.checkWritable(outputs, inputs.storeOptions());
        List<Raster> masks = new ArrayList<>();
        List<Raster> images = new ArrayList<>();
        List<FovMetadata> meta = new ArrayList<>();
        for (FovPair p : pairs) {
            try {
                Raster mask = inputs.labels(p, job.level());
                Raster image = inputs.image(p, job.level());
                masks.add(mask);
                images.add(image);
                meta.add(FovMetadata.of(job, p, mask.array().ndim(), image));
            } catch (RuntimeException e) {
                throw failure(pairs, p, e);
            }
        }
        FovMetadata.checkAgree(meta);
        OutputPlan plan = OutputPlan.of(job, meta.get(0).chosenNames(), meta.get(0).imageType(), pairs.size());
        return new PreparedJob(job, List.copyOf(pairs), masks, images, meta, plan);
    }

    /**
     * A failure of one field of view: named when there are several (a lone one is named by its own
     * message), of the kind {@link JobException#of} gives.
     */
    public static JobException failure(List<FovPair> pairs, FovPair pair, Throwable e) {
        JobException j = JobException.of(e);
        if (pairs.size() == 1) {
            return j;
        }
        return new JobException(j.kind(), "field of view " + (pairs.indexOf(pair) + 1) + "/" + pairs.size() + " ("
                + pair.describe() + "): " + j.getMessage(), e);
    }

    /** "labels X and image Y" of field of view {@code i}, with where they came from. */
    public String describeInputs(int i) {
        Raster img = images.get(i);
        String labels = "labels " + masks.get(i).description();
        return img == null ? labels : labels + " and image " + img.description();
    }
}
