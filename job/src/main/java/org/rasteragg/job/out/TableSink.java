package org.rasteragg.job.out;

import java.util.List;
import org.rasteragg.job.JobException;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;
import org.rasteragg.zarr.anndata.WriterTemporaries;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.InterruptCleanup;
import org.rasteragg.zarr.store.Store;

/** Where an AnnData table goes: tables/NAME of a SpatialData store, one labels element per input. */
@FunctionalInterface
public interface TableSink {

    /**
     * Writes tables/NAME atomically, annotating each input's labels element.
     *
     * @throws JobException (data) when it exists and {@code overwrite} is false, or on a write error
     */
    void write(String name, List<SpatialDataTableWriter.Input> fovs, boolean overwrite);

    /** The SpatialData store {@code store}, named {@code description} in messages. */
    static TableSink into(Store store, String description) {
        return (name, fovs, overwrite) -> {
            // Interrupted while writing: stop the writes, then remove this process's half-written table
            // (and put back one moved aside).
            StoppableStore writes = new StoppableStore(store);
            Runnable unregister = InterruptCleanup.register(() -> {
                writes.stop();
                WriterTemporaries.cleanupOwn(store, SpatialDataStore.TABLES);
            });
            try {
                SpatialDataTableWriter.write(writes, name, fovs, overwrite);
            } catch (org.rasteragg.zarr.ZarrException | IllegalArgumentException e) {
                throw JobException.data(description + ": cannot write tables/" + name + ": " + JobException.oneLine(e),
                        e);
            } finally {
                unregister.run();
            }
        };
    }
}
