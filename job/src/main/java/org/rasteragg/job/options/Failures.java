package org.rasteragg.job.options;

import java.io.PrintWriter;
import org.rasteragg.job.JobException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine;

/**
 * How every front end reports a failed command: one line {@code rasteragg stats: error: MESSAGE},
 * the stack trace with --debug, and the exit code of the failure's kind (see {@link JobException}).
 * Picocli's own parse errors (an unknown option, a malformed number) exit 2 as usage errors.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The execution-exception handler of a command line whose commands mix in {@link DebugOption}.
     *
     * @param prefix the start of every message ("rasteragg stats"); null: "rasteragg " + the command's name
     */
    public static IExecutionExceptionHandler handler(String prefix) {
        return (e, commandLine, parseResult) -> {
            CommandLine.Model.CommandSpec mixin = commandLine.getCommandSpec().mixins().get(DebugOption.NAME);
            boolean debug = mixin != null && ((DebugOption) mixin.userObject()).enabled;
            return report(commandLine.getErr(), prefix != null ? prefix : "rasteragg " + commandLine.getCommandName(),
                    e, debug);
        };
    }

    /**
     * A message as one line: a line break inside it (a channel name or path holding one) is shown
     * as {@code \n}, so the message stays one line that names the value.
     */
    static String oneLine(String message) {
        return message.replace("\r", "\\r").replace("\n", "\\n");
    }

    /**
     * Runs a command line: picocli hands only Exceptions to {@link #handler}; an OutOfMemoryError
     * or a linkage error (a class missing from the installation) gets the same one line here,
     * never a JVM stack trace (unless --debug).
     *
     * @param prefix the start of every message; a subcommand's name is appended when the first
     *     argument names one
     */
    public static int execute(CommandLine cl, String prefix, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | LinkageError e) {
            String command = args.length > 0 && cl.getSubcommands().containsKey(args[0]) ? " " + args[0] : "";
            return report(cl.getErr(), prefix + command, e, java.util.Arrays.asList(args).contains("--debug"));
        }
    }

    /** Prints the failure and returns its exit code. */
    public static int report(PrintWriter err, String prefix, Throwable e, boolean debug) {
        JobException j = JobException.of(e);
        err.println(prefix + ": error: " + oneLine(j.getMessage()));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return j.exitCode();
    }
}
