package org.rasteragg.job.out;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import org.rasteragg.job.JobException;
import org.rasteragg.zarr.store.InterruptCleanup;

/**
 * An output file written under a temporary name in its own directory and moved onto its final
 * name only on {@link #commit}, so that a failed run leaves no partial file. Not thread-safe.
 *
 * <p>Only a regular file (or a name not taken yet) is replaced that way. A symbolic link is
 * followed: the file it points to is replaced, the link stays. A device ({@code /dev/stdout}), a
 * FIFO or a socket is written straight through ({@link #temp} is the target itself), never
 * replaced by a regular file. The temporary is created with the umask's mode; when an existing
 * file is replaced, it gets that file's mode first. Its name ({@link OwnedTemporaries}) says which
 * process made it: the shutdown hook removes it when the run is interrupted, and a later run
 * removes it when that process is provably gone.
 */
public final class AtomicOutput implements Output {

    private final Path target;
    private final Path temp;
    private final boolean direct;
    private final Runnable unregister;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, boolean direct, Runnable unregister) {
        this.target = target;
        this.temp = temp;
        this.direct = direct;
        this.unregister = unregister;
    }

    /**
     * Checks that {@code target} can be written (its directory exists and is writable, it is not a
     * directory) without creating anything: called before the long computation so that a run fails fast.
     *
     * @throws JobException (data) naming the file and the problem
     */
    public static void checkWritable(Path target, String what) {
        Path abs = target.toAbsolutePath();
        if (Files.isSymbolicLink(abs) && !Files.exists(abs)) {
            throw JobException.data("cannot write " + what + " " + target + ": it is a symbolic link to "
                    + readLink(abs) + ", which does not exist");
        }
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw JobException.data("cannot write " + what + " " + target + ": it is a directory");
        }
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            if (!Files.isWritable(abs)) {
                throw JobException.data("cannot write " + what + " " + target + ": it is not writable");
            }
            return; // a device or FIFO is written through; its directory need not be writable
        }
        dir = Files.exists(abs) ? realPath(abs).getParent() : dir;
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

    /** Reserves a temporary file beside {@code target} (or, for a device or FIFO, the target itself). */
    public static AtomicOutput create(Path target, String what) {
        Path abs = target.toAbsolutePath();
        checkWritable(target, what);
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            return new AtomicOutput(target, abs, true, () -> { });
        }
        // Through a link: the file it points to is the one replaced, in its own directory.
        Path file = Files.exists(abs) ? realPath(abs) : abs;
        OwnedTemporaries.removeStale(file);
        for (int attempt = 0; ; attempt++) {
            Path temp = OwnedTemporaries.name(file);
            // Registered before the file exists, so that a SIGTERM just after it is created still
            // removes it (the name carries this process's id and a random part: no other file has it).
            Runnable unregister = InterruptCleanup.register(() -> deleteQuietly(temp));
            boolean created = false;
            try {
                Files.createFile(temp); // mode 0666 less the umask
                created = true;
                copyMode(file, temp);
                return new AtomicOutput(file, temp, false, unregister);
            } catch (FileAlreadyExistsException e) {
                unregister.run();
                if (attempt > 8) {
                    throw JobException.data("cannot write " + what + " " + target + ": " + JobException.oneLine(e), e);
                }
            } catch (IOException e) {
                if (created) {
                    deleteQuietly(temp);
                }
                unregister.run();
                throw JobException.data("cannot write " + what + " " + target + ": " + JobException.oneLine(e), e);
            }
        }
    }

    /** Where to write now: the temporary file, or the device or FIFO itself. */
    @Override
    public Path temp() {
        return temp;
    }

    /** The file that {@link #commit} replaces (a link's destination, not the link). */
    public Path target() {
        return target;
    }

    @Override
    public String destination() {
        return target.toString();
    }

    /** Whether the output is written straight to a device or FIFO (nothing to move, nothing to take back). */
    public boolean direct() {
        return direct;
    }

    /** Moves the temporary file onto the target, replacing it. */
    @Override
    public void commit() {
        if (direct) {
            committed = true;
            return;
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            unregister.run();
        } catch (IOException e) {
            throw JobException.data("cannot write " + target + ": " + JobException.oneLine(e), e);
        }
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() {
        if (!committed && !direct) {
            deleteQuietly(temp);
            unregister.run();
        }
    }

    /** An existing file's permissions onto its replacement, so that replacing a 0644 file keeps 0644. */
    private static void copyMode(Path from, Path to) throws IOException {
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (src == null || !Files.exists(from)) {
            return;
        }
        Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setPermissions(src.readAttributes().permissions());
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Nothing better to do: the name starts with a dot, ends in .tmp and names its process.
        }
    }
}
