package org.rasteragg.cli;

/** A command with a --debug flag: errors then print their stack trace. */
interface Debuggable {
    boolean debug();
}
