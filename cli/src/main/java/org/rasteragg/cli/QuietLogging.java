package org.rasteragg.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The java.util.logging configuration of the command (named by the system property
 * {@code java.util.logging.config.class}): only SEVERE records reach the terminal, as warnings
 * reach the user in the job's summary. A configuration class rather than a call in {@code main}
 * because the JDK then sets logging up only when something logs: setting the level eagerly loaded
 * some 40 logging classes, about 25 ms, into every run.
 */
public final class QuietLogging {

    private static final String CONFIGURATION = "handlers = java.util.logging.ConsoleHandler\n.level = SEVERE\n";

    /** Called by {@link LogManager} when it first initialises. */
    public QuietLogging() throws IOException {
        LogManager.getLogManager().readConfiguration(
                new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
