package org.rasteragg.cli.io;

import java.nio.file.Path;
import java.util.List;
import org.rasteragg.job.JobException;
import org.rasteragg.job.io.Raster;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;

/** An opened SpatialData store. Implementations say whether they are thread-safe; the CLI uses one thread. */
public interface SpatialData {

    Path path();

    List<String> imageNames();

    List<String> labelsNames();

    List<String> tableNames();

    /**
     * @param level multiscale level (0 = full resolution)
     * @throws org.rasteragg.job.JobException when there is no such element or level; the message
     *     lists the elements or levels there are
     */
    Raster image(String name, int level);

    /** As {@link #image}, for labels/NAME. */
    Raster labels(String name, int level);

    /**
     * Writes tables/NAME atomically (written aside, then moved in place): one AnnData table
     * annotating each field of view's labels element.
     *
     * @throws org.rasteragg.job.JobException when it exists and {@code overwrite} is false, or on I/O failure
     */
    void writeTable(String name, List<SpatialDataTableWriter.Input> fovs, boolean overwrite);
}
