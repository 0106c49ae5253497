package org.rasteragg.cli;

import java.io.PrintStream;
import org.rasteragg.cli.io.StoreBackend;

/**
 * What the commands share: the store backend, the output streams, and whether stderr is a terminal
 * (progress bar). Tests pass their own streams and backend.
 */
public record CliContext(StoreBackend backend, PrintStream out, PrintStream err, boolean terminal) {
}
