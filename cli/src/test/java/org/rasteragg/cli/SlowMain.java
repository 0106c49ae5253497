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

/**
 * The command as a child process whose arrays read slowly (a pause per chunk, system property
 * {@code slow.chunkMillis}), so that a test can signal it while its outputs are being written. The
 * command itself is the real one: {@link Main#run} on the file-system backend.
 */
public final class SlowMain {

    private SlowMain() {
    }

    public static void main(String[] args) {
        long pause = Long.getLong("slow.chunkMillis", 0);
        ZarrBackend real = new ZarrBackend();
        StoreBackend slow = new StoreBackend() {
            @Override
            public Raster openRaster(Path path, int level) {
                Raster r = real.openRaster(path, level);
                return new Raster(new Slow(r.array(), pause), r.channelNames(), r.translation(), r.description());
            }

            @Override
            public SpatialData openSpatialData(Path store) {
                return real.openSpatialData(store);
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
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            array.readChunk(gridPosition, destination);
        }
    }
}
