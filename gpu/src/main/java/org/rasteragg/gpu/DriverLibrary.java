package org.rasteragg.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the dynamic linker can find a library, decided from files alone: the directories of
 * {@code LD_LIBRARY_PATH}, the linker's cache ({@code /etc/ld.so.cache} names every library of the
 * directories {@code ldconfig} knows, the multiarch and WSL ones included) and the directories
 * the linker searches by default. Why: binding the foreign-function API to call {@code dlopen}
 * loads some 350 classes and method handles, 0.3 s of a cold process, which {@code --gpu auto}
 * spent on every run of the many machines without an NVIDIA driver; this costs one file read.
 * A library found here is still opened with dlopen, which has the last word. Stateless.
 */
final class DriverLibrary {

    private static final Path LINKER_CACHE = Path.of("/etc/ld.so.cache");
    /** The linker's built-in directories, with Debian's multiarch ones for this machine's architecture. */
    private static final List<String> DEFAULT_DIRECTORIES = defaultDirectories(System.getProperty("os.arch", ""));

    private DriverLibrary() {
    }

    static List<String> defaultDirectories(String arch) {
        List<String> d = new ArrayList<>(List.of("/lib", "/usr/lib", "/lib64", "/usr/lib64"));
        String multiarch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            default -> null;
        };
        if (multiarch != null) {
            d.add("/lib/" + multiarch);
            d.add("/usr/lib/" + multiarch);
        }
        return List.copyOf(d);
    }

    /**
     * Where {@code soname} was looked for when {@link #findable} says no, for the one-line reason.
     */
    static String searched() {
        return "LD_LIBRARY_PATH, " + LINKER_CACHE + " and " + String.join(", ", DEFAULT_DIRECTORIES);
    }

    /** Whether {@code soname} is in a directory of {@code ldLibraryPath} (may be null), the cache or a default directory. */
    static boolean findable(String soname, String ldLibraryPath) {
        List<String> directories = new ArrayList<>();
        if (ldLibraryPath != null) {
            for (String d : ldLibraryPath.split(":")) {
                directories.add(d.isEmpty() ? "." : d);
            }
        }
        directories.addAll(DEFAULT_DIRECTORIES);
        for (String d : directories) {
            try {
                if (Files.exists(Path.of(d).resolve(soname))) {
                    return true;
                }
            } catch (java.nio.file.InvalidPathException | SecurityException e) {
                // not a directory the linker could search either
            }
        }
        return inLinkerCache(soname, LINKER_CACHE);
    }

    /** Whether the cache file names {@code soname} (a NUL-terminated string in it); an unreadable cache: unknown, so yes. */
    static boolean inLinkerCache(String soname, Path cache) {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(cache);
        } catch (IOException | OutOfMemoryError e) {
            return true;
        }
        byte[] name = (soname + "\0").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + name.length <= bytes.length; i++) {
            if ((i == 0 || bytes[i - 1] == 0 || bytes[i - 1] == '/') && matches(bytes, i, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] bytes, int at, byte[] name) {
        for (int j = 0; j < name.length; j++) {
            if (bytes[at + j] != name[j]) {
                return false;
            }
        }
        return true;
    }
}
