package org.rasteragg.zarr.s3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.rasteragg.zarr.anndata.WriterTemporaries;

/**
 * The order in which the objects of a Zarr node are published into an object store that has no
 * atomic rename: a writer's ownership marker ({@link WriterTemporaries#MARKER}) first, then data
 * objects (chunks, shards), then metadata documents from the
 * deepest node up, so that a node's metadata appears only after everything under it, and the
 * node's own group metadata (and a consolidated {@code .zmetadata}) last. A reader that finds a
 * node through its metadata therefore never finds it partial. Stateless.
 */
final class Publication {

    /** Zarr v2 and v3 metadata document names (a key ending in one is metadata). */
    static final Set<String> METADATA = Set.of(".zarray", ".zgroup", ".zattrs", ".zmetadata", "zarr.json");

    private Publication() {
    }

    /** {@code keys} in publication order (a new list). */
    static List<String> order(List<String> keys) {
        List<String> out = new ArrayList<>(keys.size());
        List<String> data = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        for (String k : keys) {
            (isMetadata(k) ? metadata : isWriterMarker(k) ? out : data).add(k);
        }
        out.addAll(data);
        // Deepest first; within a node, attributes before the group or array document that makes it a node,
        // and consolidated metadata after both.
        metadata.sort(Comparator.comparingInt(Publication::depth).reversed().thenComparingInt(Publication::rank)
                .thenComparing(Comparator.naturalOrder()));
        out.addAll(metadata);
        return out;
    }

    /** A writer's ownership marker: copied first, so that whatever a dead writer left is provably its own. */
    static boolean isWriterMarker(String key) {
        return key.substring(key.lastIndexOf('/') + 1).equals(WriterTemporaries.MARKER);
    }

    static boolean isMetadata(String key) {
        return METADATA.contains(key.substring(key.lastIndexOf('/') + 1));
    }

    private static int depth(String key) {
        return (int) key.chars().filter(c -> c == '/').count();
    }

    private static int rank(String key) {
        return switch (key.substring(key.lastIndexOf('/') + 1)) {
            case ".zattrs" -> 0;
            case ".zmetadata" -> 2;
            default -> 1;
        };
    }
}
