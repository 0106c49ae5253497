package org.rasteragg.job.out;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.rasteragg.job.JobException;
import org.rasteragg.zarr.ZarrException;
import org.rasteragg.zarr.store.InterruptCleanup;
import org.rasteragg.zarr.store.Store;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/**
 * An output file for an object-store URI ({@code s3://bucket/out/cells.csv}): written to a local
 * temporary file, uploaded on {@link #commit} by the store's {@link Store#putFile} (S3: a multipart
 * upload, aborted on failure or interrupt), so the destination holds either nothing or the complete
 * file; an interrupt removes the local temporary too.
 * HTTP(S) locations are read-only and refused before anything is computed. Not thread-safe.
 */
public final class RemoteOutput implements Output {

    private final String destination;
    private final String what;
    private final Store parent;
    private final String key;
    private final Path temp;
    /** Unregisters the temporary's removal on interrupt (the upload registers its own abort). */
    private final Runnable unregister;
    private boolean committed;

    private RemoteOutput(String destination, String what, Store parent, String key, Path temp) {
        this.destination = destination;
        this.what = what;
        this.parent = parent;
        this.key = key;
        this.temp = temp;
        this.unregister = InterruptCleanup.register(this::deleteTemp);
    }

    /** The folder store of {@code location} and the file's name in it. */
    private record Place(Store parent, String key) {
    }

    private static Place place(String location, String what, StoreOptions options) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw JobException.usage("cannot write " + what + " " + location + ": not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            throw JobException.usage("cannot write " + what + " " + location + ": HTTP locations are read-only; give "
                    + "a path or an s3:// URI");
        }
        int cut = location.lastIndexOf('/');
        String name = location.substring(cut + 1);
        if (name.isEmpty() || cut <= location.indexOf("//") + 1) {
            throw JobException.usage("cannot write " + what + " " + location + ": give the file's name, as in "
                    + scheme + "://bucket/folder/cells.csv");
        }
        try {
            return new Place(Stores.open(location.substring(0, cut), options), name);
        } catch (IllegalArgumentException | ZarrException e) {
            throw JobException.usage("cannot write " + what + " " + location + ": " + JobException.oneLine(e));
        }
    }

    /** Checks that {@code location} names a file in a writable kind of store (nothing is created). */
    static void checkWritable(String location, String what, StoreOptions options) {
        place(location, what, options);
    }

    /** Reserves a local temporary file for {@code location}. */
    static RemoteOutput create(String location, String what, StoreOptions options) {
        Place p = place(location, what, options);
        try {
            Path temp = Files.createTempFile("rasteragg-", "-" + p.key().replaceAll("[^A-Za-z0-9._-]", "_"));
            return new RemoteOutput(location, what, p.parent(), p.key(), temp);
        } catch (IOException e) {
            throw JobException.data("cannot write " + what + " " + location + ": no local temporary file: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Path temp() {
        return temp;
    }

    @Override
    public String destination() {
        return destination;
    }

    @Override
    public void commit() {
        try {
            parent.putFile(key, temp);
            committed = true;
        } catch (ZarrException | IllegalArgumentException e) {
            throw JobException.data("cannot write " + what + " " + destination + ": " + JobException.oneLine(e), e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        deleteTemp();
        unregister.run();
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // In the system's temporary folder, named rasteragg-*: nothing better to do.
        }
    }
}
