package org.rasteragg.job.options;

import picocli.CommandLine.Option;

/**
 * The {@code --debug} flag every command mixes in (as {@code @Mixin(name = DebugOption.NAME)}):
 * errors then print their stack trace. The error handler reads it from the failing command's spec.
 */
public final class DebugOption {

    public static final String NAME = "debug";

    @Option(names = "--debug", description = "Print stack traces of errors.")
    public boolean enabled;
}
