package org.rasteragg.cli.io;

import java.util.List;
import org.rasteragg.job.FovPair;
import org.rasteragg.job.io.JobInputs;
import org.rasteragg.job.io.Raster;
import org.rasteragg.job.out.TableSink;
import org.rasteragg.zarr.store.StoreOptions;

/** A job's inputs through the command's {@link StoreBackend} (tests substitute an in-memory one). */
public final class BackendInputs implements JobInputs {

    private final StoreBackend backend;
    private final StoreOptions options;
    private final SpatialData store;

    /** @param sdata the job's SpatialData store (a path or URI), or null */
    public BackendInputs(StoreBackend backend, String sdata, StoreOptions options) {
        this.backend = backend;
        this.options = options;
        this.store = sdata == null ? null : backend.openSpatialData(sdata, options);
    }

    @Override
    public StoreOptions storeOptions() {
        return options;
    }

    @Override
    public List<String> labelsNames() {
        return store == null ? List.of() : store.labelsNames();
    }

    @Override
    public List<String> imageNames() {
        return store == null ? List.of() : store.imageNames();
    }

    @Override
    public List<String> tableNames() {
        return store == null ? List.of() : store.tableNames();
    }

    @Override
    public Raster labels(FovPair pair, int level) {
        return pair.labelsName() != null ? store.labels(pair.labelsName(), level)
                : backend.openRaster(pair.labels(), level, options);
    }

    @Override
    public Raster image(FovPair pair, int level) {
        if (pair.imageName() != null) {
            return store.image(pair.imageName(), level);
        }
        return pair.image() == null ? null : backend.openRaster(pair.image(), level, options);
    }

    @Override
    public TableSink tables() {
        return store::writeTable;
    }
}
