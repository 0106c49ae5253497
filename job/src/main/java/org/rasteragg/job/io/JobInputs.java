package org.rasteragg.job.io;

import java.util.List;
import org.rasteragg.job.FovPair;
import org.rasteragg.job.out.TableSink;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * The inputs of a stats job as a front end reaches them: the elements of its SpatialData store (if
 * any), each field of view's arrays, and where AnnData tables go. {@link ZarrInputs} reads Zarr
 * stores on the file system; tests may substitute their own. Implementations say whether they are
 * thread-safe; jobs use one thread.
 */
public interface JobInputs {

    /** The store's labels elements (empty without a store). */
    List<String> labelsNames();

    /** The store's image elements (empty without a store). */
    List<String> imageNames();

    /** The store's tables (empty without a store). */
    List<String> tableNames();

    /**
     * The label mask of a field of view at a multiscale level.
     *
     * @throws org.rasteragg.job.JobException (data) naming the path and the problem
     */
    Raster labels(FovPair pair, int level);

    /** The image of a field of view, or null when the pair has none. */
    Raster image(FovPair pair, int level);

    /** Where AnnData tables of the store go. */
    TableSink tables();

    /** How remote locations (inputs, and outputs such as {@code --csv s3://...}) are opened. */
    default StoreOptions storeOptions() {
        return StoreOptions.DEFAULT;
    }
}
