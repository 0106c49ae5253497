package org.rasteragg.zarr.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Opens the store at a location: a plain path or a {@code file:} URI gives a {@link FileSystemStore},
 * {@code http(s)://} an {@link HttpStore}, any other scheme the {@link StoreProvider} found for it on
 * the classpath ({@code s3://bucket/prefix} from the zarr-s3 module). Keys of the store are relative
 * to the location. Stateless and thread-safe.
 */
public final class Stores {

    /** "scheme://" with a scheme of two or more letters, so that "C:\\data" stays a path. */
    private static final Pattern URI_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Stores() {
    }

    /** Whether {@code location} is a URI (has a scheme), as opposed to a plain path. */
    public static boolean isUri(String location) {
        return URI_LIKE.matcher(location).matches();
    }

    /** The store at {@code location}: a path, or a URI with a scheme ({@code file:, http:, https:, s3:}). */
    public static Store open(String location, StoreOptions options) {
        if (!isUri(location)) {
            return new FileSystemStore(Path.of(location));
        }
        try {
            return open(new URI(location), options);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URI: '" + location + "': " + e.getMessage(), e);
        }
    }

    /** The store at {@code location} (an absolute URI). */
    public static Store open(URI location, StoreOptions options) {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                return new FileSystemStore(Path.of(location));
            case "http":
            case "https":
                return new HttpStore(location, options);
            case "":
                return new FileSystemStore(Path.of(location.getPath()));
            default:
                List<String> known = new ArrayList<>(List.of("file", "http", "https"));
                // The context loader first: Spark executors and plug-in hosts load the job's jars there.
                for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                        Stores.class.getClassLoader()}) {
                    for (StoreProvider p : ServiceLoader.load(StoreProvider.class, loader)) {
                        if (p.schemes().contains(scheme)) {
                            return p.open(location, options);
                        }
                        known.addAll(p.schemes());
                    }
                }
                throw new IllegalArgumentException("no store for '" + scheme + ":' locations (" + location + "); known: "
                        + known.stream().distinct().toList() + (scheme.equals("s3") ? "; s3 needs the rasteragg-zarr-s3 jar on the classpath" : ""));
        }
    }
}
