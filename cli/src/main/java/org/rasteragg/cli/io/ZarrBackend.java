package org.rasteragg.cli.io;

import java.nio.file.Path;
import java.util.List;
import org.rasteragg.cli.CliException;
import org.rasteragg.cli.demo.DemoDataset;

/** The application's backend: Zarr v2/v3, OME-Zarr and SpatialData stores on the file system (module zarr). */
public final class ZarrBackend implements StoreBackend {

    private static CliException missing(Path p) {
        return new CliException(p + ": this build has no Zarr reader yet (module zarr)");
    }

    @Override
    public Raster openRaster(Path path, int level) {
        throw missing(path);
    }

    @Override
    public SpatialData openSpatialData(Path store) {
        throw missing(store);
    }

    @Override
    public void writeDemoStore(Path store, DemoDataset data) {
        throw missing(store);
    }

    @Override
    public List<ElementInfo> describe(Path path) {
        throw missing(path);
    }
}
