package org.rasteragg.cli.io;

import java.nio.file.Path;
import java.util.List;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.job.JobException;
import org.rasteragg.job.io.Raster;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * Everything the CLI reads and writes in Zarr stores, behind one seam: the application uses
 * {@link ZarrBackend}; tests may substitute an in-memory one.
 */
public interface StoreBackend {

    /**
     * Opens a Zarr array, or a level of an OME-Zarr multiscale group.
     *
     * @throws org.rasteragg.job.JobException naming the path and the problem
     */
    Raster openRaster(Path path, int level);

    /**
     * Opens a SpatialData store.
     *
     * @throws org.rasteragg.job.JobException naming the path and the problem
     */
    SpatialData openSpatialData(Path store);

    /**
     * Opens a Zarr array or OME-Zarr level at a path or URI (s3://, http(s)://). The default reads
     * paths only, through {@link #openRaster(Path, int)}.
     */
    default Raster openRaster(String location, int level, StoreOptions options) {
        return openRaster(Path.of(location), level);
    }

    /** Opens a SpatialData store at a path or URI; the default reads paths only. */
    default SpatialData openSpatialData(String location, StoreOptions options) {
        return openSpatialData(Path.of(location));
    }

    /** {@link #describe(Path)} for a path or URI; the default reads paths only. */
    default List<ElementInfo> describe(String location, StoreOptions options) {
        return describe(Path.of(location));
    }

    /** Writes a new SpatialData store holding the dataset's image and labels. */
    void writeDemoStore(Path store, DemoDataset data);

    /** What a path holds, one element per array or multiscale group, for {@code rasteragg info}. */
    List<ElementInfo> describe(Path path);

    /**
     * One image or labels element (or lone array).
     *
     * @param kind "image", "labels", "array" or "table"
     * @param name element name (or array path)
     * @param axes axis names, or null
     * @param channelNames channel names, or null
     * @param levels one entry per multiscale level (a lone array: one)
     */
    record ElementInfo(String kind, String name, List<String> axes, List<String> channelNames, List<Level> levels) {
    }

    /**
     * @param path array path inside the store
     * @param shape array shape
     * @param chunks chunk shape
     * @param dtype numpy dtype name
     * @param codecs codec names in order (compressor first for v2)
     * @param scale the level's scale per axis, or null
     */
    record Level(String path, long[] shape, int[] chunks, String dtype, List<String> codecs, double[] scale) {
    }
}
