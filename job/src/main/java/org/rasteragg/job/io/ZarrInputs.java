package org.rasteragg.job.io;

import java.nio.file.Path;
import java.util.List;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.job.FovPair;
import org.rasteragg.job.JobException;
import org.rasteragg.job.out.TableSink;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.ome.OmeZarrImage;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;
import org.rasteragg.zarr.store.ListingUnavailableException;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * A job's inputs wherever they live (paths, {@code file:}, {@code http(s)://}, {@code s3://}
 * locations, opened by {@link org.rasteragg.zarr.store.Stores#open}): Zarr v2/v3 arrays, OME-Zarr
 * images and the elements of a SpatialData store, through module zarr. Zarr and store errors become
 * data errors naming the location. Not thread-safe (the store is opened once, on first use).
 */
public final class ZarrInputs implements JobInputs {

    private final String sdata;
    private final StoreOptions options;
    private SpatialDataStore store;

    /** @param sdata the job's SpatialData store (a path or URI), or null */
    public ZarrInputs(String sdata, StoreOptions options) {
        this.sdata = sdata;
        this.options = options;
    }

    /** A store on the file system (or null), with the default store options. */
    public ZarrInputs(Path sdata) {
        this(sdata == null ? null : sdata.toString(), StoreOptions.DEFAULT);
    }

    private SpatialDataStore store() {
        if (store == null) {
            try {
                store = SpatialDataStore.open(sdata, options);
            } catch (ZarrException | IllegalArgumentException e) {
                throw wrap(sdata, e);
            }
        }
        return store;
    }

    @Override
    public StoreOptions storeOptions() {
        return options;
    }

    /** A Zarr error as a data error whose message names the path. */
    public static JobException wrap(Path p, ZarrException e) {
        return wrap(p.toString(), e);
    }

    /**
     * A Zarr or store error (or a location that is no URI, or has no store: IllegalArgumentException)
     * as a data error whose message names the location.
     */
    public static JobException wrap(String location, RuntimeException e) {
        String m = JobException.oneLine(e);
        if (e instanceof ListingUnavailableException) {
            m += " (an HTTP server cannot list: give the element by name, or serve the store with consolidated "
                    + "metadata)";
        }
        return JobException.data(m.contains(location) ? m : location + ": " + m, e);
    }

    @Override
    public List<String> labelsNames() {
        return sdata == null ? List.of() : listedOnUse(sdata, () -> store().labels());
    }

    @Override
    public List<String> imageNames() {
        return sdata == null ? List.of() : listedOnUse(sdata, () -> store().images());
    }

    /**
     * The names, listed when first looked at: only wildcards need them, and a store over HTTP
     * without consolidated metadata cannot list, yet serves elements given by name.
     */
    public static List<String> listedOnUse(String location, java.util.function.Supplier<List<String>> names) {
        return new java.util.AbstractList<>() {
            private List<String> listed;

            private List<String> names() {
                if (listed == null) {
                    try {
                        listed = names.get();
                    } catch (ZarrException e) {
                        throw wrap(location, e);
                    }
                }
                return listed;
            }

            @Override
            public String get(int index) {
                return names().get(index);
            }

            @Override
            public int size() {
                return names().size();
            }
        };
    }

    @Override
    public List<String> tableNames() {
        return sdata == null ? List.of() : store().tables();
    }

    @Override
    public Raster labels(FovPair pair, int level) {
        if (pair.labelsName() == null) {
            return openRaster(pair.labels(), level, options);
        }
        try {
            return labelsElement(store(), sdata, pair.labelsName(), level);
        } catch (ZarrException e) {
            throw wrap(sdata, e);
        }
    }

    @Override
    public Raster image(FovPair pair, int level) {
        if (!pair.hasImage()) {
            return null;
        }
        if (pair.imageName() == null) {
            return openRaster(pair.image(), level, options);
        }
        try {
            return raster(store().image(pair.imageName()), level, null, sdata + "/images/" + pair.imageName());
        } catch (ZarrException e) {
            throw wrap(sdata, e);
        }
    }

    @Override
    public TableSink tables() {
        return TableSink.into(store().store(), sdata);
    }

    /** A Zarr array, or a level of an OME-Zarr multiscale group, on the file system. */
    public static Raster openRaster(Path path, int level) {
        return openRaster(path.toString(), level, StoreOptions.DEFAULT);
    }

    /** A Zarr array, or a level of an OME-Zarr multiscale group, at a path or URI. */
    public static Raster openRaster(String path, int level, StoreOptions options) {
        try {
            Store s = Zarr.openStore(path, options);
            if (Nodes.kind(s, "") == Nodes.Kind.GROUP) {
                return raster(OmeZarrImage.open(s, ""), level, null, path);
            }
            ZarrArray a = Zarr.open(s, "");
            if (level != 0) {
                throw JobException.data(path + ": a single Zarr array has only level 0, not level " + level);
            }
            return new Raster(a, null, null, path);
        } catch (ZarrException | IllegalArgumentException e) {
            throw wrap(path, e);
        }
    }

    /** labels/NAME of a store at a level, with its translation to the default coordinate system. */
    public static Raster labelsElement(SpatialDataStore sd, String storeDescription, String name, int level) {
        OmeZarrImage img = sd.labels(name);
        double[] translation = null;
        List<String> systems = img.coordinateSystems();
        String cs = systems.contains(OmeZarrImage.DEFAULT_COORDINATE_SYSTEM)
                ? OmeZarrImage.DEFAULT_COORDINATE_SYSTEM : systems.isEmpty() ? null : systems.get(0);
        if (cs != null) {
            translation = sd.labelsTranslation(name, cs);
        }
        return raster(img, level, translation, storeDescription + "/labels/" + name);
    }

    /** A level of an OME-Zarr image, its axes in canonical order (an image declared [y, c, x] is read as c, y, x). */
    public static Raster raster(OmeZarrImage img, int level, double[] translation, String description) {
        ChunkedArray a = img.view(level);
        List<String> channels = img.channelAxis() < 0 ? null : img.channelNames();
        return new Raster(a, channels, translation, description + "/" + img.levelPaths().get(level));
    }
}
