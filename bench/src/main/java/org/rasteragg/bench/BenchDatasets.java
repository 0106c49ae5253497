package org.rasteragg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.synthetic.SyntheticTissue;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;

/**
 * The benchmark's datasets: seeded {@link SyntheticTissue} written once as SpatialData stores
 * (Zarr v2, OME-NGFF 0.4) with blosc-lz4 (byte shuffle) chunks: images/image as (c, y, x) or
 * (c, z, y, x), labels/cells as (y, x) or (z, y, x); then reused. A dataset is complete only when
 * its marker file exists, so an interrupted generation is redone, never measured.
 */
final class BenchDatasets {

    static final int CHANNELS = 4;
    static final List<String> CHANNEL_NAMES = List.of("DAPI", "CD3", "CD20", "CD45");
    static final double VOXELS_PER_CELL = 180;
    static final long SEED = 20261125L;

    record Dataset(String name, ChunkedArray labels, ChunkedArray image) {
    }

    private BenchDatasets() {
    }

    static String name2d(int size) {
        return "2d-" + size;
    }

    /** The 2D dataset of {@code size} x {@code size}, chunks 1024 x 1024 (smaller when the image is). */
    static Dataset twoD(Path dir, int size) {
        int chunk = Math.min(1024, size);
        return dataset(dir, name2d(size), new long[] {1, size, size}, new int[] {1, chunk, chunk});
    }

    /** The 3D dataset 64 x 2048 x 2048, chunks 16 x 1024 x 1024. */
    static Dataset threeD(Path dir) {
        return dataset(dir, "3d-64x2048x2048", new long[] {64, 2048, 2048}, new int[] {16, 1024, 1024});
    }

    private static Dataset dataset(Path dir, String name, long[] zyx, int[] chunkZyx) {
        Path root = dir.resolve(name + ".zarr");
        boolean flat = zyx[0] == 1;
        SyntheticTissue tissue = new SyntheticTissue(zyx, VOXELS_PER_CELL, CHANNELS, SEED);
        ChunkedArray labels = tissue.labels(chunkZyx);
        ChunkedArray image = tissue.image(new int[] {1, chunkZyx[0], chunkZyx[1], chunkZyx[2]});
        if (flat) {
            labels = new Squeezed(labels, 0);
            image = new Squeezed(image, 1);
        }
        writeOnce(root, labels, image, flat, CHANNEL_NAMES);
        SpatialDataStore store = SpatialDataStore.open(root);
        ChunkedArray storedLabels = store.labels("cells").array();
        ChunkedArray storedImage = store.image("image").array();
        if (flat) {
            storedLabels = org.rasteragg.core.array.ChunkedArrays.maskAsZyx(storedLabels);
            storedImage = org.rasteragg.core.array.ChunkedArrays.imageAsCzyx(storedImage);
        }
        return new Dataset(name, storedLabels, storedImage);
    }

    /**
     * The store of {@link #TEN_MILLION} under {@code dir}, written once: a 4000 x 5000 mask of two-voxel
     * cells (10^7 labels, uint32) and one uint16 channel; returns its root.
     */
    static Path tenMillion(Path dir) {
        Path root = dir.resolve(TEN_MILLION + ".zarr");
        if (Files.exists(root.resolve(".rasteragg-bench-complete"))) {
            return root;
        }
        int ny = 4000;
        int nx = 5000;
        int[] labels = new int[ny * nx];
        short[] values = new short[ny * nx];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / 2 + 1;
            values[i] = (short) ((i * 2654435761L >>> 20) & 0xfff);
        }
        writeOnce(root, new InMemoryArray(DType.UINT32, labels, new long[] {ny, nx}, new int[] {1000, 1250}),
                new InMemoryArray(DType.UINT16, values, new long[] {1, ny, nx}, new int[] {1, 1000, 1250}), true,
                List.of("DAPI"));
        return root;
    }

    /** Name of the 10^7-label store. */
    static final String TEN_MILLION = "cells-10m";

    /** Writes labels/cells and images/image of a SpatialData store unless its marker says it is complete. */
    private static void writeOnce(Path root, ChunkedArray labels, ChunkedArray image, boolean flat,
            List<String> channelNames) {
        Path marker = root.resolve(".rasteragg-bench-complete");
        if (!Files.exists(marker)) {
            SpatialDataWriter sdata = SpatialDataWriter.create(root, 2, true);
            BloscConfig lz4Labels = new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, labels.dtype().byteSize(), 0);
            BloscConfig lz4Image = new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, image.dtype().byteSize(), 0);
            write(sdata.labels("cells").axes(flat ? new String[] {"y", "x"} : new String[] {"z", "y", "x"})
                    .shape(labels.shape()).chunks(labels.chunkShape()).dtype(labels.dtype()).compressor(lz4Labels)
                    .overwrite(true).create(), labels);
            write(sdata.image("image").axes(flat ? new String[] {"c", "y", "x"} : new String[] {"c", "z", "y", "x"})
                    .shape(image.shape()).chunks(image.chunkShape()).dtype(image.dtype()).compressor(lz4Image)
                    .channelNames(channelNames).overwrite(true).create(), image);
            try {
                Files.writeString(marker, "seed " + SEED + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot mark dataset " + root + " complete", e);
            }
        }
    }

    private static void write(ZarrArrayWriter writer, ChunkedArray source) {
        ChunkGrid grid = source.grid();
        String path = source.description();
        long[] gridShape = grid.gridShape();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (long i = 0; i < grid.chunkCount(); i++) {
                long[] p = new long[gridShape.length];
                long rest = i;
                for (int d = gridShape.length - 1; d >= 0; d--) {
                    p[d] = rest % gridShape[d];
                    rest /= gridShape[d];
                }
                done.add(pool.submit(() -> {
                    Object buffer = source.dtype().allocate(grid.chunkElements());
                    source.readChunk(p, buffer);
                    writer.writeChunk(p, buffer);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing " + path + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Drops a length-1 axis (the inverse of core's InsertedAxisArray): (1, y, x) as (y, x). */
    private static final class Squeezed implements ChunkedArray {
        private final ChunkedArray source;
        private final int axis;
        private final ChunkGrid grid;

        Squeezed(ChunkedArray source, int axis) {
            this.source = source;
            this.axis = axis;
            long[] s = source.shape();
            int[] c = source.chunkShape();
            long[] shape = new long[s.length - 1];
            int[] chunks = new int[s.length - 1];
            for (int d = 0, o = 0; d < s.length; d++) {
                if (d != axis) {
                    shape[o] = s[d];
                    chunks[o++] = c[d];
                }
            }
            this.grid = new ChunkGrid(shape, chunks);
        }

        @Override
        public org.rasteragg.core.array.DType dtype() {
            return source.dtype();
        }

        @Override
        public ChunkGrid grid() {
            return grid;
        }

        @Override
        public void readChunk(long[] p, Object destination) {
            long[] full = new long[p.length + 1];
            for (int d = 0, o = 0; d < full.length; d++) {
                full[d] = d == axis ? 0 : p[o++];
            }
            source.readChunk(full, destination);
        }
    }
}
