package org.rasteragg.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --debug} flag every command mixes in (as {@code @Mixin(name = DebugOption.NAME)}):
 * errors then print their stack trace. Main reads it from the failing command's spec.
 */
final class DebugOption {

    static final String NAME = "debug";

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean enabled;
}
