package org.rasteragg.job.out;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of {@link AtomicOutput}'s temporary files, which prove who made them:
 * {@code .NAME.rasteragg-HOST-PID-START-RANDOM.tmp} (HOST a hash of the host name, START the
 * process's start time in base 36), the file-name counterpart of the marker that the zarr module's
 * WriterTemporaries puts in a table's temporary folder. A run that died (SIGKILL, power loss)
 * leaves one behind; {@link #removeStale} removes exactly those whose process is provably gone:
 * made on this host by a pid that no longer runs, or now runs with another start time. Other
 * files, including temporaries of other programs, are never touched.
 */
final class OwnedTemporaries {

    private static final Pattern OWNED = Pattern.compile(
            "\\.(.+)\\.rasteragg-([0-9a-f]{8})-([0-9]+)-([0-9a-z]+)-[0-9a-z]+\\.tmp");

    private OwnedTemporaries() {
    }

    /** A fresh temporary name beside {@code file}, naming this process. */
    static Path name(Path file) {
        ProcessHandle self = ProcessHandle.current();
        String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        return file.resolveSibling("." + file.getFileName() + ".rasteragg-" + host() + "-" + self.pid() + "-"
                + start(self) + "-" + random + ".tmp");
    }

    /**
     * Removes the temporaries of {@code file} that a process of this host left when it died.
     *
     * @return the files removed
     */
    static List<Path> removeStale(Path file) {
        List<Path> removed = new ArrayList<>();
        Path dir = file.getParent();
        String prefix = "." + file.getFileName() + ".rasteragg-";
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : s) {
                Matcher m = OWNED.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(file.getFileName().toString())
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && ownerIsGone(m.group(2), m.group(3), m.group(4))) {
                    AtomicOutput.deleteQuietly(p);
                    removed.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable directory fails later, when the temporary is created, naming the file.
        }
        return removed;
    }

    private static boolean ownerIsGone(String host, String pid, String start) {
        if (!host.equals(host())) {
            return false;
        }
        Optional<ProcessHandle> p;
        try {
            p = ProcessHandle.of(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return false;
        }
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        // The pid runs again: it is the writer only if it started when the name says.
        String now = start(p.get());
        return !start.equals("0") && !now.equals("0") && !now.equals(start);
    }

    private static String start(ProcessHandle p) {
        return p.info().startInstant().map(t -> Long.toString(t.toEpochMilli(), 36)).orElse("0");
    }

    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "localhost";
        }
        return String.format("%08x", name.hashCode());
    }
}
