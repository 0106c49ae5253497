package org.rasteragg.zarr.anndata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.array.Nodes;
import org.rasteragg.zarr.store.Store;

/**
 * The hidden folders {@link AnnDataWriter#write} uses beside a table ({@code .NAME.tmp-UUID} for
 * the new table while it is written, {@code .NAME.old-UUID} for the replaced one until the new one
 * is in place), and the proof of who made them: a {@value #MARKER} document naming the writing
 * process (host, pid, start time). A run that dies (SIGKILL, power loss) leaves them behind;
 * {@link #cleanupStale} removes, or restores, exactly those whose writer is provably gone.
 */
public final class WriterTemporaries {

    /** The ownership marker inside a temporary folder. */
    public static final String MARKER = ".rasteragg-writer";

    private static final Pattern NAME = Pattern.compile(
            "\\.(.+)\\.(tmp|old)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private WriterTemporaries() {
    }

    static String temporaryName(String name) {
        return "." + name + ".tmp-" + UUID.randomUUID();
    }

    static String asideName(String name) {
        return "." + name + ".old-" + UUID.randomUUID();
    }

    /** Marks the folder {@code path} as this process's. */
    static void mark(Store store, String path) {
        ProcessHandle self = ProcessHandle.current();
        ObjectNode m = Json.object().put("host", hostName()).put("pid", self.pid());
        self.info().startInstant().ifPresent(t -> m.put("started", t.toString()));
        store.put(Store.join(path, MARKER), Json.bytes(m));
    }

    static void unmark(Store store, String path) {
        store.delete(Store.join(path, MARKER));
    }

    /**
     * Removes the temporaries under {@code parent} ("tables") that a dead writer left: a
     * {@code .tmp-} folder marked by a process of this host that no longer runs (or empty, so
     * nothing can be lost), and a {@code .old-} folder likewise marked, which is deleted when the
     * table it was moved aside from exists again, and otherwise renamed back into place (the
     * writer died between the two renames; the old table is the user's data). Folders of a live
     * writer, of another host, or without a readable marker are left alone.
     *
     * @return the paths removed or restored, each with what was done ("removed ...", "restored ...")
     */
    public static List<String> cleanupStale(Store store, String parent) {
        return cleanup(store, parent, true, path -> ownerIsGone(store, path));
    }

    /**
     * Removes (or restores, as {@link #cleanupStale} does) the temporaries under {@code parent}
     * that this very process made: what an interrupted run's shutdown hook calls.
     */
    public static List<String> cleanupOwn(Store store, String parent) {
        return cleanup(store, parent, false, path -> ownerIsSelf(store, path));
    }

    /** @param emptyIsStale an empty folder holds nothing to lose: remove it whoever made it */
    private static List<String> cleanup(Store store, String parent, boolean emptyIsStale,
            java.util.function.Predicate<String> owned) {
        List<String> done = new ArrayList<>();
        for (String child : store.children(parent)) {
            Matcher m = NAME.matcher(child);
            if (!m.matches()) {
                continue;
            }
            String path = Store.join(parent, child);
            boolean empty = store.list(path + "/").isEmpty();
            if (!(empty && emptyIsStale) && !owned.test(path)) {
                continue;
            }
            String table = Store.join(parent, m.group(1));
            if (m.group(2).equals("old") && !empty && store.list(table + "/").isEmpty()) {
                unmark(store, path);
                store.rename(path, table);
                done.add("restored " + table + " from " + path);
            } else {
                store.delete(path);
                done.add("removed " + path);
            }
        }
        return done;
    }

    /**
     * Whether {@code path} holds what a writer that died while publishing a table there left: objects
     * but no Zarr metadata of the node itself (an object store's rename copies data first and the
     * node's metadata last) and the marker of a writer of this host that is provably gone (copied
     * first). Anything else, a table or another program's objects, is not.
     */
    public static boolean isHalfPublished(Store store, String path) {
        return Nodes.kind(store, path) == Nodes.Kind.NONE && ownerIsGone(store, path);
    }

    private static boolean ownerIsSelf(Store store, String path) {
        JsonNode m = marker(store, path);
        if (m == null) {
            return false;
        }
        ProcessHandle self = ProcessHandle.current();
        return m.path("pid").longValue() == self.pid() && self.info().startInstant()
                .map(t -> t.toString().equals(m.path("started").asText())).orElse(!m.has("started"));
    }

    /** The marker of a temporary folder of this host, or null. */
    private static JsonNode marker(Store store, String path) {
        byte[] b = store.get(Store.join(path, MARKER), 4096);
        if (b == null) {
            return null;
        }
        JsonNode m;
        try {
            m = Json.parseObject(b, store.description() + "/" + path + "/" + MARKER);
        } catch (ZarrFormatException e) {
            return null;
        }
        if (!m.path("host").asText("").equals(hostName()) || !m.path("pid").canConvertToLong()) {
            return null;
        }
        return m;
    }

    private static boolean ownerIsGone(Store store, String path) {
        JsonNode m = marker(store, path);
        if (m == null) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(m.path("pid").longValue());
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        // The pid runs again: it is our writer only if it started when the marker says.
        Optional<Instant> started = p.get().info().startInstant();
        return m.has("started") && started.isPresent() && !started.get().toString().equals(m.path("started").asText());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
