package org.rasteragg.cli.io;

import java.nio.file.Path;
import java.util.List;

/** An opened SpatialData store. Implementations say whether they are thread-safe; the CLI uses one thread. */
public interface SpatialData {

    Path path();

    List<String> imageNames();

    List<String> labelsNames();

    List<String> tableNames();

    /**
     * @param level multiscale level (0 = full resolution)
     * @throws org.rasteragg.cli.CliException when there is no such element or level; the message
     *     lists the elements or levels there are
     */
    Raster image(String name, int level);

    /** As {@link #image}, for labels/NAME. */
    Raster labels(String name, int level);

    /**
     * Writes tables/NAME atomically (written aside, then moved in place).
     *
     * @throws org.rasteragg.cli.CliException when it exists and {@code overwrite} is false, or on I/O failure
     */
    void writeTable(String name, TableData table, boolean overwrite);
}
