package org.rasteragg.zarr.array;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.store.Store;

/**
 * Keeps a store's consolidated metadata true after this module writes a subtree: the v2
 * {@code .zmetadata} document ({@code zarr.consolidate_metadata}) and zarr-python 3's inline
 * {@code consolidated_metadata} of the root {@code zarr.json}. A reader that trusts them
 * ({@code zarr.open_consolidated}) would otherwise not see what was written. Each document is
 * replaced by one atomic {@link Store#put}. Not safe against a concurrent writer of the same store.
 */
public final class ConsolidatedMetadata {

    private static final String V2_KEY = ".zmetadata";
    private static final List<String> V2_DOCUMENTS = List.of(".zgroup", ".zarray", ".zattrs");

    private ConsolidatedMetadata() {
    }

    /**
     * Replaces the consolidated entries of {@code path} and everything under it by what the store
     * now holds there (entries of removed nodes go, entries of new nodes come; hidden folders such
     * as a writer's temporaries are left out). Does nothing for a store without consolidated
     * metadata.
     */
    public static void refresh(Store store, String path) {
        refreshV2(store, path);
        refreshV3(store, path);
    }

    private static void refreshV2(Store store, String path) {
        ObjectNode root = Nodes.readDocument(store, V2_KEY);
        if (root == null) {
            return;
        }
        JsonNode m = root.get("metadata");
        if (!(m instanceof ObjectNode metadata)) {
            throw new ZarrFormatException(Nodes.where(store, V2_KEY) + ": no 'metadata' object to update");
        }
        removeUnder(metadata, path);
        for (String key : store.list(path)) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            if (V2_DOCUMENTS.contains(name) && isVisible(key, path) && store.get(key, Nodes.MAX_METADATA_BYTES) != null) {
                metadata.set(key, Json.parseObject(store.get(key, Nodes.MAX_METADATA_BYTES), Nodes.where(store, key)));
            }
        }
        store.put(V2_KEY, Json.bytes(root));
    }

    private static void refreshV3(Store store, String path) {
        ObjectNode root = Nodes.readDocument(store, "zarr.json");
        if (root == null || !(root.path("consolidated_metadata").get("metadata") instanceof ObjectNode metadata)) {
            return;
        }
        removeUnder(metadata, path);
        for (String key : store.list(path)) {
            if (key.endsWith("/zarr.json") && isVisible(key, path)) {
                String node = key.substring(0, key.length() - "/zarr.json".length());
                metadata.set(node, Json.parseObject(store.get(key, Nodes.MAX_METADATA_BYTES), Nodes.where(store, key)));
            }
        }
        store.put("zarr.json", Json.bytes(root));
    }

    /** Removes the entries of {@code path} itself and of everything under it. */
    private static void removeUnder(ObjectNode metadata, String path) {
        List<String> gone = new ArrayList<>();
        for (Iterator<String> it = metadata.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals(path) || k.startsWith(path + "/")) {
                gone.add(k);
            }
        }
        metadata.remove(gone);
    }

    /** Whether {@code key} is {@code path}'s own or under it, with no hidden folder in between. */
    private static boolean isVisible(String key, String path) {
        if (!key.equals(path) && !key.startsWith(path + "/")) {
            return false; // "tables2/..." shares the string prefix "tables" only
        }
        String[] parts = key.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
