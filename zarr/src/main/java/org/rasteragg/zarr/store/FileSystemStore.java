package org.rasteragg.zarr.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A store on a local (or mounted) file system: key "a/b/c" is the file {@code root/a/b/c}.
 * Thread-safe: reads use positional channel reads; writes go to a temporary sibling file that is
 * then moved into place, so a reader never sees half a value. Every {@link IOException} is
 * rethrown as {@link StoreIOException} naming the store root and the key.
 */
public final class FileSystemStore implements Store {

    private final Path root;

    public FileSystemStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
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

    @Override
    public byte[] get(String key) {
        Path p = resolve(key);
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (Files.isDirectory(p)) {
                return null;
            }
            throw new StoreIOException(description() + ": cannot read '" + key + "': " + e, e);
        }
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        Path p = resolve(key);
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
        Path p = resolve(key);
        try {
            return Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            throw new StoreIOException(description() + ": cannot stat '" + key + "': " + e, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
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
            Files.write(tmp, value);
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
