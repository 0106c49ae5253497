package org.rasteragg.cli.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.job.FovPair;
import org.rasteragg.job.JobException;
import org.rasteragg.job.io.Raster;
import org.rasteragg.job.io.ZarrInputs;
import org.rasteragg.job.out.TableSink;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.codec.CodecConfig;
import org.rasteragg.zarr.ome.OmeZarrImage;
import org.rasteragg.zarr.ome.Transform;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/**
 * The application's backend: Zarr v2/v3 arrays, OME-Zarr images and SpatialData stores at paths or
 * URIs (s3://, http(s)://), through module zarr. Zarr errors become {@link JobException}s (data)
 * naming the location.
 * Stateless; thread-safe.
 */
public final class ZarrBackend implements StoreBackend {

    static JobException wrap(Path p, ZarrException e) {
        return ZarrInputs.wrap(p, e);
    }

    @Override
    public Raster openRaster(Path path, int level) {
        return ZarrInputs.openRaster(path, level);
    }

    @Override
    public Raster openRaster(String location, int level, StoreOptions options) {
        return ZarrInputs.openRaster(location, level, options);
    }

    @Override
    public SpatialData openSpatialData(Path store) {
        return openSpatialData(store.toString(), StoreOptions.DEFAULT);
    }

    @Override
    public SpatialData openSpatialData(String location, StoreOptions options) {
        try {
            return new ZarrSpatialData(location, SpatialDataStore.open(location, options));
        } catch (ZarrException | IllegalArgumentException e) {
            throw ZarrInputs.wrap(location, e);
        }
    }

    @Override
    public void writeDemoStore(Path store, DemoDataset data) {
        try {
            SpatialDataWriter w = SpatialDataWriter.create(store, 2, true);
            int nd = data.maskShape().length;
            String[] imageAxes = nd == 3 ? new String[] {"c", "z", "y", "x"} : new String[] {"c", "y", "x"};
            String[] maskAxes = nd == 3 ? new String[] {"z", "y", "x"} : new String[] {"y", "x"};
            w.image("image").axes(imageAxes).shape(data.imageShape()).chunks(data.imageChunks())
                    .dtype(org.rasteragg.core.array.DType.UINT16).channelNames(DemoDataset.CHANNELS)
                    .transformation("global", Transform.identity(imageAxes.length)).create()
                    .writeAll(data.imageData());
            w.labels("cells").axes(maskAxes).shape(data.maskShape()).chunks(data.maskChunks())
                    .dtype(org.rasteragg.core.array.DType.INT32)
                    .transformation("global", Transform.identity(maskAxes.length)).create()
                    .writeAll(data.maskData());
        } catch (ZarrException e) {
            throw wrap(store, e);
        }
    }

    @Override
    public List<ElementInfo> describe(Path path) {
        return describe(path.toString(), StoreOptions.DEFAULT);
    }

    @Override
    public List<ElementInfo> describe(String path, StoreOptions options) {
        String name = FovPair.lastSegment(path);
        try {
            Store store = Zarr.openStore(path, options);
            if (Nodes.kind(store, "") == Nodes.Kind.ARRAY) {
                ZarrArray a = Zarr.open(store, "");
                return List.of(new ElementInfo("array", name,
                        a.metadata().dimensionNames().isEmpty() ? null : a.metadata().dimensionNames(), null,
                        List.of(level(a, null))));
            }
            List<String> children = Nodes.childNodes(store, "");
            // Over HTTP the children may not be listable: the groups' own metadata says it too.
            boolean spatialData = children.contains(SpatialDataStore.IMAGES) || children.contains(SpatialDataStore.LABELS)
                    || Nodes.kind(store, SpatialDataStore.IMAGES) != Nodes.Kind.NONE
                    || Nodes.kind(store, SpatialDataStore.LABELS) != Nodes.Kind.NONE;
            if (!spatialData) {
                return List.of(element("image", name, OmeZarrImage.open(store, "")));
            }
            SpatialDataStore sd = SpatialDataStore.open(store);
            List<ElementInfo> out = new ArrayList<>();
            for (String n : sd.images()) {
                out.add(element("image", n, sd.image(n)));
            }
            for (String n : sd.labels()) {
                out.add(element("labels", n, sd.labels(n)));
            }
            for (String n : sd.tables()) {
                out.add(new ElementInfo("table", n, null, null, List.of()));
            }
            return out;
        } catch (ZarrException | IllegalArgumentException e) {
            throw ZarrInputs.wrap(path, e);
        }
    }

    private static ElementInfo element(String kind, String name, OmeZarrImage img) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < img.levelCount(); i++) {
            levels.add(level(img.level(i), img.multiscales().levels().get(i).transform().scale()));
        }
        return new ElementInfo(kind, name, img.axisNames(), img.channelAxis() < 0 ? null : img.channelNames(), levels);
    }

    static Level level(ZarrArray a, double[] scale) {
        List<String> codecs = new ArrayList<>();
        for (CodecConfig c : a.metadata().codecs()) {
            codecs.add(c.name());
        }
        String p = a.path().isEmpty() ? "." : a.path().substring(a.path().lastIndexOf('/') + 1);
        return new Level(p, a.shape(), a.metadata().chunkShape(), a.dtype().numpyName(), codecs, scale);
    }

    /** A SpatialData store through module zarr. */
    private static final class ZarrSpatialData implements SpatialData {
        private final String path;
        private final SpatialDataStore sd;

        ZarrSpatialData(String path, SpatialDataStore sd) {
            this.path = path;
            this.sd = sd;
        }

        /** The store's path, or null for a URI. */
        @Override
        public Path path() {
            return Stores.isUri(path) ? null : Path.of(path);
        }

        @Override
        public List<String> imageNames() {
            return ZarrInputs.listedOnUse(path, sd::images);
        }

        @Override
        public List<String> labelsNames() {
            return ZarrInputs.listedOnUse(path, sd::labels);
        }

        @Override
        public List<String> tableNames() {
            return sd.tables();
        }

        @Override
        public Raster image(String name, int level) {
            try {
                return ZarrInputs.raster(sd.image(name), level, null, path + "/images/" + name);
            } catch (ZarrException e) {
                throw ZarrInputs.wrap(path, e);
            }
        }

        @Override
        public Raster labels(String name, int level) {
            try {
                return ZarrInputs.labelsElement(sd, path, name, level);
            } catch (ZarrException e) {
                throw ZarrInputs.wrap(path, e);
            }
        }

        @Override
        public void writeTable(String name, List<SpatialDataTableWriter.Input> fovs, boolean overwrite) {
            TableSink.into(sd.store(), path).write(name, fovs, overwrite);
        }
    }
}
