package org.rasteragg.cli.io;

import java.nio.file.Path;
import java.util.List;
import org.rasteragg.job.FovPair;
import org.rasteragg.job.io.JobInputs;
import org.rasteragg.job.io.Raster;
import org.rasteragg.job.out.TableSink;

/** A job's inputs through the command's {@link StoreBackend} (tests substitute an in-memory one). */
public final class BackendInputs implements JobInputs {

    private final StoreBackend backend;
    private final SpatialData store;

    /** @param sdata the job's SpatialData store, or null */
    public BackendInputs(StoreBackend backend, Path sdata) {
        this.backend = backend;
        this.store = sdata == null ? null : backend.openSpatialData(sdata);
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
                : backend.openRaster(pair.labels(), level);
    }

    @Override
    public Raster image(FovPair pair, int level) {
        if (pair.imageName() != null) {
            return store.image(pair.imageName(), level);
        }
        return pair.image() == null ? null : backend.openRaster(pair.image(), level);
    }

    @Override
    public TableSink tables() {
        return store::writeTable;
    }
}
