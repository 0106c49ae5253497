package org.rasteragg.zarr.array;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.store.Store;

/**
 * A Zarr group: attributes and child nodes. Immutable view of what was read when opened (children
 * are listed live). Thread-safe when the store is.
 */
public final class ZarrGroup {

    private final Store store;
    private final String path;
    private final int zarrFormat;
    private final ObjectNode attributes;

    private ZarrGroup(Store store, String path, int zarrFormat, ObjectNode attributes) {
        this.store = store;
        this.path = path;
        this.zarrFormat = zarrFormat;
        this.attributes = attributes;
    }

    /** The fields of a v3 group document: the specification's, and zarr-python's consolidated metadata. */
    private static final java.util.Set<String> V3_GROUP_FIELDS = java.util.Set.of("zarr_format", "node_type",
            "attributes", "consolidated_metadata");

    /** Opens the group at {@code path}; fails naming what exists when there is none. */
    public static ZarrGroup open(Store store, String path) {
        ObjectNode v3 = Nodes.readDocument(store, Store.join(path, "zarr.json"));
        if (v3 != null) {
            if (!"group".equals(v3.path("node_type").asText())) {
                throw new ZarrFormatException(Nodes.where(store, Store.join(path, "zarr.json"))
                        + ": expected node_type 'group', found " + v3.get("node_type"));
            }
            ArrayMetadata.checkExtensions(v3, V3_GROUP_FIELDS, Nodes.where(store, Store.join(path, "zarr.json")));
            return new ZarrGroup(store, path, 3, Nodes.attributes(store, path));
        }
        if (Nodes.readDocument(store, Store.join(path, ".zgroup")) != null) {
            return new ZarrGroup(store, path, 2, Nodes.attributes(store, path));
        }
        throw Nodes.missing(store, path, "group");
    }

    /**
     * Creates (or replaces the metadata of) a group; parent folders need no metadata of their own.
     *
     * @param attributes the group's attributes, may be null
     */
    public static ZarrGroup create(Store store, String path, int zarrFormat, JsonNode attributes) {
        ObjectNode attrs = attributes == null ? Json.object() : (ObjectNode) attributes.deepCopy();
        if (zarrFormat == 3) {
            ObjectNode z = Json.object().put("zarr_format", 3).put("node_type", "group");
            z.set("attributes", attrs);
            store.put(Store.join(path, "zarr.json"), Json.bytes(z));
        } else if (zarrFormat == 2) {
            store.put(Store.join(path, ".zgroup"), Json.bytes(Json.object().put("zarr_format", 2)));
            store.put(Store.join(path, ".zattrs"), Json.bytes(attrs));
        } else {
            throw new IllegalArgumentException("zarr format must be 2 or 3, found " + zarrFormat);
        }
        return new ZarrGroup(store, path, zarrFormat, attrs);
    }

    /** Replaces the attributes. */
    public ZarrGroup withAttributes(JsonNode attributes) {
        return create(store, path, zarrFormat, attributes);
    }

    public Store store() {
        return store;
    }

    public String path() {
        return path;
    }

    public int zarrFormat() {
        return zarrFormat;
    }

    /** The attributes (a copy). */
    public ObjectNode attributes() {
        return attributes.deepCopy();
    }

    /** Names of child arrays and groups, sorted. */
    public List<String> children() {
        return Nodes.childNodes(store, path);
    }

    public Nodes.Kind childKind(String name) {
        return Nodes.kind(store, Store.join(path, name));
    }

    public ZarrArray openArray(String name) {
        return ZarrArray.open(store, Store.join(path, name));
    }

    public ZarrGroup openGroup(String name) {
        return open(store, Store.join(path, name));
    }
}
