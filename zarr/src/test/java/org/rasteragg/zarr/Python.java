package org.rasteragg.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's Python for the cross-checks; tests that need it skip when it or a module is absent. */
public final class Python {

    public static final Path EXECUTABLE = Path.of("/usr/bin/python3");

    private Python() {
    }

    /** Whether {@link #EXECUTABLE} runs {@code import MODULES} ("zarr, numcodecs") successfully. */
    public static boolean canImport(String modules) {
        if (!Files.isExecutable(EXECUTABLE)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(EXECUTABLE.toString(), "-c", "import " + modules)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
