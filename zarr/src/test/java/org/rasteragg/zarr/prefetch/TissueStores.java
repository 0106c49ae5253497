package org.rasteragg.zarr.prefetch;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.synthetic.SyntheticTissue;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.codec.blosc.BloscConfig;
import org.rasteragg.zarr.ome.OmeZarrWriter;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;

/**
 * Small bench-like SpatialData stores (the benchmark's seeded synthetic tissue, blosc-lz4, 4 uint16
 * channels; mask and image on different chunk grids so blocks share chunks; v3 sharded too), and
 * the full statistics table of a store, for comparing remote runs with local ones.
 */
public final class TissueStores {

    public static final List<String> CHANNELS = List.of("DAPI", "CD3", "CD20", "CD45");

    private TissueStores() {
    }

    /** Writes the test store at {@code root} in Zarr {@code format} 2 or 3 (3: sharded) and returns it. */
    public static Path write(Path root, int format) {
        return write(root, format, new long[] {4, 96, 96}, new int[] {2, 32, 32}, new int[] {2, 48, 48}, 60);
    }

    /**
     * Writes a store of the synthetic tissue of shape {@code zyx} with mask chunks {@code maskChunks}
     * and image chunks (1, {@code imageChunks}); v3 gets shards of twice the chunks (clipped to the shape).
     */
    public static Path write(Path root, int format, long[] zyx, int[] maskChunks, int[] imageChunks,
            double voxelsPerCell) {
        SyntheticTissue tissue = new SyntheticTissue(zyx, voxelsPerCell, CHANNELS.size(), 42);
        SpatialDataWriter sd = SpatialDataWriter.create(root, format, true);
        OmeZarrWriter.Builder labels = sd.labels("cells").axes("z", "y", "x").shape(zyx).chunks(maskChunks)
                .dtype(tissue.labels(new int[] {1, 1, 1}).dtype())
                .compressor(new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, 4, 0));
        OmeZarrWriter.Builder image = sd.image("image").axes("c", "z", "y", "x")
                .shape(CHANNELS.size(), zyx[0], zyx[1], zyx[2]).chunks(1, imageChunks[0], imageChunks[1], imageChunks[2])
                .dtype(tissue.image(new int[] {1, 1, 1, 1}).dtype())
                .compressor(new BloscConfig("lz4", 5, BloscConfig.SHUFFLE, 2, 0)).channelNames(CHANNELS);
        if (format == 3) {
            int[] imageShards = shards(imageChunks, zyx);
            labels.shards(shards(maskChunks, zyx));
            image.shards(1, imageShards[0], imageShards[1], imageShards[2]);
        }
        copy(tissue::labels, labels.create());
        copy(tissue::image, image.create());
        return root;
    }

    private static int[] shards(int[] chunks, long[] zyx) {
        int[] s = new int[3];
        for (int a = 0; a < 3; a++) {
            s[a] = 2 * chunks[a] <= zyx[a] ? 2 * chunks[a] : chunks[a];
        }
        return s;
    }

    private interface Source {
        ChunkedArray chunked(int[] chunkShape);
    }

    private static void copy(Source source, ZarrArrayWriter writer) {
        ChunkGrid g = writer.writeGrid();
        ChunkedArray from = source.chunked(g.chunkShape());
        Object buffer = from.dtype().allocate(g.chunkElements());
        long[] shape = g.gridShape();
        long[] p = new long[shape.length];
        for (long i = 0; i < g.chunkCount(); i++) {
            from.readChunk(p, buffer);
            writer.writeChunk(p, buffer);
            for (int d = shape.length - 1; d >= 0 && ++p[d] == shape[d]; d--) {
                p[d] = 0;
            }
        }
    }

    /** Every statistic of the store as the wide CSV table, read directly (no prefetch). */
    public static String statsCsv(SpatialDataStore sd) {
        RasterAggregator agg = RasterAggregator.builder().mask(sd.labels("cells").array())
                .image(sd.image("image").array()).threads(2).build();
        return csv(agg);
    }

    /** The same table read through a {@link BlockOrderPrefetch}; returns the prefetch's peak reads in flight. */
    public static Prefetched statsCsvPrefetched(SpatialDataStore sd, long budgetBytes, int requests) {
        RasterAggregator direct = RasterAggregator.builder().mask(sd.labels("cells").array())
                .image(sd.image("image").array()).threads(2).build();
        try (BlockOrderPrefetch p = BlockOrderPrefetch.start(direct.mask(), direct.image(), budgetBytes, requests)) {
            RasterAggregator agg = RasterAggregator.builder().mask(p.mask()).image(p.image()).threads(2).build();
            return new Prefetched(csv(agg), p.peakInFlight());
        }
    }

    /** A statistics table and the most reads a prefetch had in flight for it. */
    public record Prefetched(String csv, int peakInFlight) {
    }

    private static String csv(RasterAggregator agg) {
        StringWriter out = new StringWriter();
        agg.aggregateAll(Statistic.all(), null).wideTable(CHANNELS).writeCsv(out);
        return out.toString();
    }
}
