package org.rasteragg.job.options;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The statistics' names with one line each on what they are and the columns they make, for the
 * help of both front ends ({@code rasteragg stats --help} and the Spark job's), so that --stats is
 * learnt from the help alone. SEMANTICS.md holds the exact definitions.
 */
public final class StatisticsHelp {

    /** The lines, without the heading. */
    public static final List<String> LINES = List.of(
            "  sum        sum of the values (sum_{ch})",
            "  mean       mean (mean_{ch})",
            "  count      voxel count (shapeSize); also area",
            "  var        population variance (var_{ch})",
            "  skew       skewness, scipy.stats.skew (skew_{ch})",
            "  kurtosis   Fisher kurtosis, scipy.stats.kurtosis (kurtosis_{ch})",
            "  min, max   smallest, largest value in the image dtype (min_{ch}, max_{ch})",
            "  center     center of the voxels (z, y, x); also center_of_mass",
            "  std        population standard deviation (std_{ch})",
            "  median     median, exact (median_{ch})",
            "  quantiles  numpy's linear quantiles of --quantiles, exact (q{Q}_{ch})",
            "  bbox       bounding box, min inclusive, max exclusive as skimage (bbox_min_{z,y,x}, bbox_max_{z,y,x})",
            "  wcenter    intensity-weighted center, scipy.ndimage.center_of_mass (wcenter_{z,y,x}_{ch})",
            "  axes       radii and principal axes of the voxel coordinates, harpy's radii_and_principal_axes "
                    + "(radius_{0,1,2}, axis_{i}_{z,y,x})",
            "  all        every statistic above");

    private StatisticsHelp() {
    }

    /** Puts the statistics before the footer of {@code command}'s help. */
    public static void addTo(CommandLine command) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        List<String> footer = new ArrayList<>();
        footer.add("");
        footer.add("Statistics (--stats):");
        footer.addAll(LINES);
        footer.addAll(List.of(usage.footer()));
        usage.footer(footer.toArray(String[]::new));
    }
}
