package org.rasteragg.cli;

import java.nio.file.Path;
import java.util.List;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.cli.io.SpatialData;
import org.rasteragg.cli.io.StoreBackend;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.job.io.Raster;
import org.rasteragg.job.out.TableSink;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.DelegatingStore;
import org.rasteragg.zarr.store.Store;

/**
 * The command as a child process whose arrays read slowly (a pause per chunk, system property
 * {@code slow.chunkMillis}) and whose AnnData tables are written slowly (a pause per object put,
 * {@code slow.putMillis}), so that a test can signal it while its outputs are being written. The
 * command itself is the real one: {@link Main#run} on the file-system backend.
 */
public final class SlowMain {

    private SlowMain() {
    }

    public static void main(String[] args) {
        long pause = Long.getLong("slow.chunkMillis", 0);
        long putPause = Long.getLong("slow.putMillis", 0);
        ZarrBackend real = new ZarrBackend();
        StoreBackend slow = new StoreBackend() {
            @Override
            public Raster openRaster(Path path, int level) {
                Raster r = real.openRaster(path, level);
                return new Raster(new Slow(r.array(), pause), r.channelNames(), r.translation(), r.description());
            }

            @Override
            public SpatialData openSpatialData(Path store) {
                SpatialData sd = real.openSpatialData(store);
                return putPause == 0 ? sd : new SlowTables(sd, store, putPause);
            }

            @Override
            public void writeDemoStore(Path store, DemoDataset data) {
                real.writeDemoStore(store, data);
            }

            @Override
            public List<ElementInfo> describe(Path path) {
                return real.describe(path);
            }
        };
        System.exit(Main.run(slow, System.out, System.err, false, args));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A SpatialData store whose tables are written through {@link SlowPuts}, by the real table sink. */
    private record SlowTables(SpatialData sd, Path store, long pause) implements SpatialData {
        @Override
        public Path path() {
            return sd.path();
        }

        @Override
        public List<String> imageNames() {
            return sd.imageNames();
        }

        @Override
        public List<String> labelsNames() {
            return sd.labelsNames();
        }

        @Override
        public List<String> tableNames() {
            return sd.tableNames();
        }

        @Override
        public Raster image(String name, int level) {
            return sd.image(name, level);
        }

        @Override
        public Raster labels(String name, int level) {
            return sd.labels(name, level);
        }

        @Override
        public void writeTable(String name, List<SpatialDataTableWriter.Input> fovs, boolean overwrite) {
            Store slow = new SlowPuts(SpatialDataStore.open(store).store(), pause);
            TableSink.into(slow, store.toString()).write(name, fovs, overwrite);
        }
    }

    /** A store that pauses before every put. */
    private static final class SlowPuts extends DelegatingStore {
        private final long pause;

        SlowPuts(Store store, long pause) {
            super(store);
            this.pause = pause;
        }

        @Override
        public void put(String key, byte[] value) {
            sleep(pause);
            delegate.put(key, value);
        }
    }

    private record Slow(ChunkedArray array, long pause) implements ChunkedArray {
        @Override
        public DType dtype() {
            return array.dtype();
        }

        @Override
        public ChunkGrid grid() {
            return array.grid();
        }

        @Override
        public void readChunk(long[] gridPosition, Object destination) {
            sleep(pause);
            array.readChunk(gridPosition, destination);
        }
    }
}
