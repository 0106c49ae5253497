package org.rasteragg.zarr.array;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.NoSuchNodeException;
import org.rasteragg.zarr.store.ListingUnavailableException;
import org.rasteragg.zarr.store.Store;

/**
 * Finds and reads the metadata documents of Zarr nodes: v3 {@code zarr.json}, v2 {@code .zarray},
 * {@code .zgroup} and {@code .zattrs}, falling back to the v2 consolidated {@code .zmetadata} at the
 * store root when a document is absent. Stateless; thread-safe when the store is.
 */
public final class Nodes {

    /** What a path holds. */
    public enum Kind { ARRAY, GROUP, NONE }

    private Nodes() {
    }

    /**
     * The most bytes a metadata document may hold. Far above what any writer produces (a
     * consolidated {@code .zmetadata} of thousands of arrays is a few MB) and low enough that a
     * document, parsed, fits in a default heap.
     */
    public static final long MAX_METADATA_BYTES = 64L << 20;

    /** The JSON document at {@code key}, or null; consolidated metadata answers for absent v2 keys. */
    public static ObjectNode readDocument(Store store, String key) {
        byte[] b = store.get(key, MAX_METADATA_BYTES);
        if (b != null) {
            return Json.parseObject(b, where(store, key));
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (!name.startsWith(".z") || name.equals(".zmetadata")) {
            return null;
        }
        byte[] consolidated = store.get(".zmetadata", MAX_METADATA_BYTES);
        if (consolidated == null) {
            return null;
        }
        ObjectNode root = Json.parseObject(consolidated, where(store, ".zmetadata"));
        JsonNode doc = root.path("metadata").get(key);
        return doc != null && doc.isObject() ? (ObjectNode) doc : null;
    }

    /** Whether {@code path} is an array, a group, or nothing. */
    public static Kind kind(Store store, String path) {
        ObjectNode v3 = readDocument(store, Store.join(path, "zarr.json"));
        if (v3 != null) {
            String t = v3.path("node_type").asText("");
            return t.equals("array") ? Kind.ARRAY : t.equals("group") ? Kind.GROUP : Kind.NONE;
        }
        if (readDocument(store, Store.join(path, ".zarray")) != null) {
            return Kind.ARRAY;
        }
        if (readDocument(store, Store.join(path, ".zgroup")) != null) {
            return Kind.GROUP;
        }
        return Kind.NONE;
    }

    /** The attributes of a node (v3 {@code attributes}, v2 {@code .zattrs}); empty object when none. */
    public static ObjectNode attributes(Store store, String path) {
        ObjectNode v3 = readDocument(store, Store.join(path, "zarr.json"));
        if (v3 != null) {
            JsonNode a = v3.get("attributes");
            return a != null && a.isObject() ? (ObjectNode) a : Json.object();
        }
        ObjectNode a = readDocument(store, Store.join(path, ".zattrs"));
        return a == null ? Json.object() : a;
    }

    /** Children of {@code path} that are arrays or groups, sorted. */
    public static List<String> childNodes(Store store, String path) {
        List<String> nodes = new ArrayList<>();
        for (String c : store.children(path)) {
            if (!c.startsWith(".") && !c.equals("zarr.json") && kind(store, Store.join(path, c)) != Kind.NONE) {
                nodes.add(c);
            }
        }
        return nodes;
    }

    /** A "not found" error that names the nodes that do exist beside the missing one. */
    public static NoSuchNodeException missing(Store store, String path, String what) {
        int slash = path.lastIndexOf('/');
        String parent = slash < 0 ? "" : path.substring(0, slash);
        String where = parent.isEmpty() ? "the store root" : "'" + parent + "'";
        List<String> siblings;
        try {
            siblings = childNodes(store, parent);
        } catch (ListingUnavailableException e) {
            return new NoSuchNodeException(store.description() + ": no Zarr " + what + " at '" + path + "', and "
                    + where + " cannot be listed to say what is there (no consolidated metadata)");
        }
        return new NoSuchNodeException(store.description() + ": no Zarr " + what + " at '" + path + "'; "
                + where + " holds " + (siblings.isEmpty() ? "no Zarr arrays or groups" : siblings));
    }

    static String where(Store store, String key) {
        return store.description() + "/" + key;
    }
}
