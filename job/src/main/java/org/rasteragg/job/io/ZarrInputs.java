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
import org.rasteragg.zarr.store.Store;

/**
 * A job's inputs on the file system: Zarr v2/v3 arrays, OME-Zarr images and the elements of a
 * SpatialData store, through module zarr. Zarr errors become data errors naming the path. Not
 * thread-safe (the store is opened once, on first use).
 */
public final class ZarrInputs implements JobInputs {

    private final Path sdata;
    private SpatialDataStore store;

    /** @param sdata the job's SpatialData store, or null */
    public ZarrInputs(Path sdata) {
        this.sdata = sdata;
    }

    private SpatialDataStore store() {
        if (store == null) {
            try {
                store = SpatialDataStore.open(sdata);
            } catch (ZarrException e) {
                throw wrap(sdata, e);
            }
        }
        return store;
    }

    /** A Zarr error as a data error whose message names the path. */
    public static JobException wrap(Path p, ZarrException e) {
        String m = JobException.oneLine(e);
        return JobException.data(m.contains(p.toString()) ? m : p + ": " + m, e);
    }

    @Override
    public List<String> labelsNames() {
        return sdata == null ? List.of() : store().labels();
    }

    @Override
    public List<String> imageNames() {
        return sdata == null ? List.of() : store().images();
    }

    @Override
    public List<String> tableNames() {
        return sdata == null ? List.of() : store().tables();
    }

    @Override
    public Raster labels(FovPair pair, int level) {
        if (pair.labelsName() == null) {
            return openRaster(pair.labels(), level);
        }
        try {
            return labelsElement(store(), sdata.toString(), pair.labelsName(), level);
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
            return openRaster(pair.image(), level);
        }
        try {
            return raster(store().image(pair.imageName()), level, null, sdata + "/images/" + pair.imageName());
        } catch (ZarrException e) {
            throw wrap(sdata, e);
        }
    }

    @Override
    public TableSink tables() {
        return TableSink.into(store().store(), sdata.toString());
    }

    /** A Zarr array, or a level of an OME-Zarr multiscale group. */
    public static Raster openRaster(Path path, int level) {
        try {
            Store s = Zarr.openStore(path);
            if (Nodes.kind(s, "") == Nodes.Kind.GROUP) {
                return raster(OmeZarrImage.open(s, ""), level, null, path.toString());
            }
            ZarrArray a = Zarr.open(s, "");
            if (level != 0) {
                throw JobException.data(path + ": a single Zarr array has only level 0, not level " + level);
            }
            return new Raster(a, null, null, path.toString());
        } catch (ZarrException e) {
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
