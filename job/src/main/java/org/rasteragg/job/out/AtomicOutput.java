package org.rasteragg.job.out;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.rasteragg.job.JobException;

/**
 * An output file written under a temporary name in its own directory and moved onto its final
 * name only on {@link #commit}, so that a failed run leaves no partial file. Not thread-safe.
 */
public final class AtomicOutput implements Output {

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Checks that {@code target} can be written (its directory exists and is writable, it is not a
     * directory) without creating anything: called before the long computation so that a run fails fast.
     *
     * @throws JobException (data) naming the file and the problem
     */
    public static void checkWritable(Path target, String what) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw JobException.data("cannot write " + what + " " + target + ": it is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw JobException.data("cannot write " + what + " " + target + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw JobException.data("cannot write " + what + " " + target + ": directory " + dir + " is not writable");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw JobException.data("cannot write " + what + " " + target + ": the file is not writable");
        }
    }

    /** Reserves a temporary file beside {@code target}. */
    public static AtomicOutput create(Path target, String what) {
        Path abs = target.toAbsolutePath();
        checkWritable(target, what);
        try {
            Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
            return new AtomicOutput(target, temp);
        } catch (IOException e) {
            throw JobException.data("cannot write " + what + " " + target + ": " + e.getMessage(), e);
        }
    }

    /** Where to write now. */
    @Override
    public Path temp() {
        return temp;
    }

    public Path target() {
        return target;
    }

    @Override
    public String destination() {
        return target.toString();
    }

    /** Moves the temporary file onto the target, replacing it. */
    @Override
    public void commit() {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw JobException.data("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // Nothing better to do: the temp name starts with a dot and ends in .tmp.
            }
        }
    }
}
