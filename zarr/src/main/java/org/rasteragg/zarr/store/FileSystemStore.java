package org.rasteragg.zarr.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A store on a local (or mounted) file system: key "a/b/c" is the file {@code root/a/b/c}.
 * Thread-safe: reads use positional channel reads; writes go to a temporary sibling file that is
 * then moved into place, so a reader never sees half a value. Every {@link IOException} is
 * rethrown as {@link StoreIOException} naming the store root and the key.
 *
 * <p>Only regular files are values: a FIFO, device or socket in a value's place (also through a
 * symbolic link) is refused before it is opened, so a read never blocks or runs on forever; a
 * file's size is checked against the caller's cap ({@link #get(String, long)}) before it is
 * read; a path through a plain file ({@code notes.txt/zarr.json}) holds nothing, as zarr-python
 * sees it. New files get the process umask's mode, replaced files keep theirs.
 */
public final class FileSystemStore implements Store {

    private final Path root;
    /** Whether file modes exist here (a replaced file keeps its mode). */
    private final boolean posix;

    public FileSystemStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.posix = this.root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The root folder. */
    public Path root() {
        return root;
    }

    private Path resolve(String key) {
        if (key.isEmpty()) {
            return root;
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new StoreIOException(description() + ": key '" + key + "' escapes the store root");
        }
        return p;
    }

    /** The largest value one Java array can hold. */
    private static final long MAX_VALUE_BYTES = Integer.MAX_VALUE - 8;

    @Override
    public byte[] get(String key) {
        return get(key, MAX_VALUE_BYTES);
    }

    @Override
    public byte[] get(String key, long maxBytes) {
        Path p = resolve(key);
        BasicFileAttributes attrs = regularFile(key, p);
        if (attrs == null) {
            return null;
        }
        long limit = Math.min(maxBytes, MAX_VALUE_BYTES);
        if (attrs.size() > limit) {
            throw Store.tooLarge(this, key, attrs.size(), limit);
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            // Read the size stat reported plus one byte: a file that grew since is refused, not read on.
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(limit + 1, attrs.size() + 1));
            int n = 0;
            while (buf.hasRemaining() && n >= 0) {
                n = ch.read(buf);
            }
            if (buf.position() > limit) {
                throw Store.tooLarge(this, key, ch.size(), limit);
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreIOException(description() + ": cannot read '" + key + "': " + e, e);
        }
    }

    /**
     * The attributes of the regular file behind {@code key} (links followed), or null when there is
     * none: absent, a folder, or a path through a plain file ("notes.txt/zarr.json"), none of which
     * is a value. A FIFO, device or socket is refused at once, since reading one could block forever
     * or never end.
     */
    private BasicFileAttributes regularFile(String key, Path p) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            if (!Files.isDirectory(p.getParent())) {
                return null; // "Not a directory": an ancestor is a plain file, so the key cannot exist
            }
            throw new StoreIOException(description() + ": cannot read '" + key + "': " + e, e);
        } catch (IOException e) {
            throw new StoreIOException(description() + ": cannot read '" + key + "': " + e, e);
        }
        if (attrs.isDirectory()) {
            return null;
        }
        if (!attrs.isRegularFile()) {
            throw new StoreIOException(description() + ": '" + key + "' is not a regular file (a FIFO, device or "
                    + "socket" + (Files.isSymbolicLink(p) ? ", through a symbolic link" : "")
                    + "); refusing to read it");
        }
        return attrs;
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        Path p = resolve(key);
        if (regularFile(key, p) == null) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset < 0 || length < 0 || offset + length > size) {
                throw new StoreIOException(description() + ": range [" + offset + ", " + (offset + length)
                        + ") outside '" + key + "' of " + size + " bytes");
            }
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining()) {
                int n = ch.read(buf, offset + buf.position());
                if (n < 0) {
                    throw new StoreIOException(description() + ": '" + key + "' ended while reading range at "
                            + offset + " (" + length + " bytes)");
                }
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreIOException(description() + ": cannot read '" + key + "': " + e, e);
        }
    }

    @Override
    public long size(String key) {
        BasicFileAttributes attrs = regularFile(key, resolve(key));
        return attrs == null ? -1 : attrs.size();
    }

    @Override
    public boolean exists(String key) {
        // A FIFO or device in a value's place exists (so that reading it is refused, not skipped).
        Path p = resolve(key);
        return Files.exists(p) && !Files.isDirectory(p);
    }

    @Override
    public List<String> list(String prefix) {
        // Walk only the deepest folder the prefix names, not the whole store.
        int slash = prefix.lastIndexOf('/');
        String dirKey = slash < 0 ? "" : prefix.substring(0, slash);
        Path dir = resolve(dirKey);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                String key = root.relativize(f).toString().replace('\\', '/');
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new StoreIOException(description() + ": cannot list '" + prefix + "': " + e, e);
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    @Override
    public List<String> children(String path) {
        Path dir = resolve(path);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new StoreIOException(description() + ": cannot list '" + path + "': " + e, e);
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    @Override
    public void put(String key, byte[] value) {
        Path target = resolve(key);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            // A new file gets the process umask's mode; a replaced one keeps the mode it had.
            Files.write(tmp, value);
            keepMode(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new StoreIOException(description() + ": cannot write '" + key + "': " + e, e);
        }
    }

    private void keepMode(Path existing, Path replacement) throws IOException {
        if (posix && Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(replacement, Files.getPosixFilePermissions(existing));
        }
    }

    @Override
    public void delete(String path) {
        Path p = resolve(path);
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreIOException(description() + ": cannot delete '" + path + "': " + e, e);
        }
    }

    @Override
    public void rename(String from, String to) {
        Path src = resolve(from);
        Path dst = resolve(to);
        if (!Files.exists(src)) {
            throw new StoreIOException(description() + ": cannot rename missing '" + from + "'");
        }
        if (Files.exists(dst)) {
            // rename(2) would silently replace an empty target folder; refuse any existing target.
            throw new StoreIOException(description() + ": cannot rename '" + from + "' to existing '" + to + "'");
        }
        try {
            Files.createDirectories(dst.getParent());
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new StoreIOException(description() + ": cannot rename '" + from + "' to existing '" + to + "'", e);
        } catch (IOException e) {
            throw new StoreIOException(description() + ": cannot rename '" + from + "' to '" + to + "': " + e, e);
        }
    }

    @Override
    public String description() {
        return root.toString();
    }
}
