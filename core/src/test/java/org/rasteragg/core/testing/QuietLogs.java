package org.rasteragg.core.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Silences the engine's expected warnings (skew/kurtosis set to 0) in test output. */
public final class QuietLogs {

    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private static final Logger CORE = Logger.getLogger("org.rasteragg.core");

    private QuietLogs() {
    }

    public static void install() {
        CORE.setLevel(Level.SEVERE);
    }
}
