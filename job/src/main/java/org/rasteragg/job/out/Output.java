package org.rasteragg.job.out;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rasteragg.zarr.store.StoreOptions;
import org.rasteragg.zarr.store.Stores;

/**
 * An output file written aside (to {@link #temp}) and made visible at its destination only on
 * {@link #commit}; {@link #close} without a commit removes what was written. On this machine an
 * {@link AtomicOutput} (a rename), in an object store a {@link RemoteOutput} (an upload). Not
 * thread-safe.
 */
public interface Output extends AutoCloseable {

    /** Where to write now: a local file. */
    Path temp();

    /**
     * Opens {@link #temp}, which exists already, for writing from its start, without creating it:
     * once an interrupt's cleanup has removed it, a writer that opens it late fails instead of
     * leaving it behind again.
     */
    default OutputStream openTemp() throws IOException {
        return Files.newOutputStream(temp(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The destination, as the user gave it (for messages). */
    String destination();

    /** Makes the output visible at its destination, complete. @throws org.rasteragg.job.JobException (data) */
    void commit();

    /** Removes the temporary file unless committed. Never throws. */
    @Override
    void close();

    /**
     * The output for {@code location}: a path (an {@link AtomicOutput}) or a URI (a {@link RemoteOutput}).
     *
     * @param what "CSV", "Parquet file": what messages call it
     */
    static Output create(String location, String what, StoreOptions options) {
        if (Stores.isUri(location) && !location.regionMatches(true, 0, "file:", 0, 5)) {
            return RemoteOutput.create(location, what, options);
        }
        return AtomicOutput.create(local(location), what);
    }

    /** Checks before the long computation that {@code location} can be written (nothing is created). */
    static void checkWritable(String location, String what, StoreOptions options) {
        if (Stores.isUri(location) && !location.regionMatches(true, 0, "file:", 0, 5)) {
            RemoteOutput.checkWritable(location, what, options);
        } else {
            AtomicOutput.checkWritable(local(location), what);
        }
    }

    private static Path local(String location) {
        return location.regionMatches(true, 0, "file:", 0, 5) ? Path.of(java.net.URI.create(location))
                : Path.of(location);
    }
}
