package org.rasteragg.zarr.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.rasteragg.zarr.Json;

/**
 * What a store that cannot list keys (plain HTTP) knows about its nodes: the keys named by
 * consolidated metadata at the store root (v2 {@code .zmetadata}, or v3 {@code consolidated_metadata}
 * inline in the root {@code zarr.json}), else the children a node's attributes name (OME-NGFF
 * {@code multiscales} dataset paths, the {@code labels} list of an OME-NGFF labels group).
 * Consolidated metadata is read once. Thread-safe.
 */
final class MetadataListing {

    /** Reads a key of the store, null when absent. */
    @FunctionalInterface
    interface Reader {
        byte[] get(String key);
    }

    private final Reader reader;
    private final String description;
    private volatile Consolidated consolidated;

    /** The v2 {@code .zmetadata} bytes (null when absent) and the keys consolidated metadata names (null: none). */
    private record Consolidated(byte[] zmetadata, Set<String> keys) {
    }

    MetadataListing(Reader reader, String description) {
        this.reader = reader;
        this.description = description;
    }

    /** The store's {@code .zmetadata}, read once; null when it has none. */
    byte[] zmetadata() {
        byte[] b = consolidated().zmetadata();
        return b == null ? null : b.clone();
    }

    /** Every key named by consolidated metadata that starts with {@code prefix}, sorted. */
    List<String> list(String prefix) {
        Set<String> keys = consolidated().keys();
        if (keys == null) {
            throw new ListingUnavailableException(description + ": cannot list keys under '" + prefix + "': "
                    + "the store cannot be listed and has no consolidated metadata (" + WHAT_CONSOLIDATES + ")");
        }
        return keys.stream().filter(k -> k.startsWith(prefix)).toList();
    }

    /** The direct children of node {@code path}, from consolidated metadata or the node's attributes. */
    List<String> children(String path) {
        Set<String> keys = consolidated().keys();
        if (keys != null) {
            String prefix = path.isEmpty() ? "" : path + "/";
            TreeSet<String> names = new TreeSet<>();
            for (String key : keys) {
                if (key.startsWith(prefix)) {
                    String rest = key.substring(prefix.length());
                    int slash = rest.indexOf('/');
                    names.add(slash < 0 ? rest : rest.substring(0, slash));
                }
            }
            return new ArrayList<>(names);
        }
        List<String> named = namedByAttributes(path);
        if (named.isEmpty()) {
            throw new ListingUnavailableException(description + ": cannot find what '" + (path.isEmpty() ? "/" : path)
                    + "' holds: the store cannot be listed, it has no consolidated metadata (" + WHAT_CONSOLIDATES
                    + "), and the node's attributes name no children (OME-NGFF multiscales datasets or labels); "
                    + "open the element by its own location, or consolidate the store (zarr.consolidate_metadata)");
        }
        return named;
    }

    private static final String WHAT_CONSOLIDATES = ".zmetadata, or consolidated_metadata in the root zarr.json";

    private Consolidated consolidated() {
        Consolidated c = consolidated;
        if (c == null) {
            c = load();
            consolidated = c;
        }
        return c;
    }

    private Consolidated load() {
        byte[] v2 = reader.get(".zmetadata");
        if (v2 != null) {
            JsonNode metadata = Json.parse(v2, description + "/.zmetadata").path("metadata");
            TreeSet<String> keys = new TreeSet<>();
            metadata.fieldNames().forEachRemaining(keys::add);
            return new Consolidated(v2, keys);
        }
        byte[] root = reader.get("zarr.json");
        if (root != null) {
            JsonNode cm = Json.parse(root, description + "/zarr.json").path("consolidated_metadata");
            if (cm.path("metadata").isObject()) {
                TreeSet<String> keys = new TreeSet<>();
                keys.add("zarr.json");
                cm.path("metadata").fieldNames().forEachRemaining(node -> keys.add(Store.join(node, "zarr.json")));
                return new Consolidated(null, keys);
            }
        }
        return new Consolidated(null, null);
    }

    private List<String> namedByAttributes(String path) {
        JsonNode attrs = attributes(path);
        TreeSet<String> names = new TreeSet<>();
        JsonNode ome = attrs.has("ome") ? attrs.get("ome") : attrs;
        for (JsonNode m : ome.path("multiscales")) {
            for (JsonNode d : m.path("datasets")) {
                String p = d.path("path").asText("");
                if (!p.isEmpty()) {
                    names.add(p.split("/", 2)[0]);
                }
            }
        }
        for (Iterator<JsonNode> it = ome.path("labels").elements(); it.hasNext();) {
            JsonNode n = it.next();
            if (n.isTextual() && !n.asText().isEmpty()) {
                names.add(n.asText().split("/", 2)[0]);
            }
        }
        return new ArrayList<>(names);
    }

    private JsonNode attributes(String path) {
        byte[] v3 = reader.get(Store.join(path, "zarr.json"));
        if (v3 != null) {
            return Json.parse(v3, description + "/" + Store.join(path, "zarr.json")).path("attributes");
        }
        byte[] v2 = reader.get(Store.join(path, ".zattrs"));
        return v2 == null ? Json.object() : Json.parse(v2, description + "/" + Store.join(path, ".zattrs"));
    }
}
