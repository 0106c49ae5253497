package org.rasteragg.cli.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rasteragg.cli.CliException;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.array.ZarrArray;
import org.rasteragg.zarr.codec.CodecConfig;

/**
 * The application's backend: Zarr v2/v3 arrays, OME-Zarr images and SpatialData stores on the file
 * system, through module zarr. Zarr errors become {@link CliException}s naming the path.
 * Stateless; thread-safe.
 */
public final class ZarrBackend implements StoreBackend {

    private static CliException notYet(Path p, String what) {
        return new CliException(p + ": " + what + " is not supported by this build yet (module zarr)");
    }

    static CliException wrap(Path p, ZarrException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(m.contains(p.toString()) ? m : p + ": " + m, e);
    }

    @Override
    public Raster openRaster(Path path, int level) {
        try {
            ZarrArray a = Zarr.open(path, "");
            if (level != 0) {
                throw new CliException(path + ": a single Zarr array has only level 0, not level " + level);
            }
            return new Raster(a, null, null, path.toString());
        } catch (ZarrException e) {
            throw wrap(path, e);
        }
    }

    @Override
    public SpatialData openSpatialData(Path store) {
        throw notYet(store, "SpatialData");
    }

    @Override
    public void writeDemoStore(Path store, DemoDataset data) {
        throw notYet(store, "writing SpatialData");
    }

    @Override
    public List<ElementInfo> describe(Path path) {
        try {
            ZarrArray a = Zarr.open(path, "");
            return List.of(new ElementInfo("array", path.getFileName().toString(),
                    a.metadata().dimensionNames().isEmpty() ? null : a.metadata().dimensionNames(), null,
                    List.of(level(a))));
        } catch (ZarrException e) {
            throw wrap(path, e);
        }
    }

    static Level level(ZarrArray a) {
        List<String> codecs = new ArrayList<>();
        for (CodecConfig c : a.metadata().codecs()) {
            codecs.add(c.name());
        }
        return new Level(a.path().isEmpty() ? "." : a.path(), a.shape(), a.metadata().chunkShape(),
                a.dtype().numpyName(), codecs, null);
    }
}
