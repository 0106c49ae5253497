package org.rasteragg.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.rasteragg.cli.io.StoreBackend;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.job.options.Failures;
import org.rasteragg.job.options.StatisticsHelp;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code rasteragg} command: {@code stats}, {@code info}, {@code demo}. Exit codes: 0 ok, 2 usage
 * error, 1 data (or internal) error with a one-line message (stack trace only with {@code --debug}),
 * as {@link Failures} reports them for every front end.
 *
 * <p>Only {@link #main} exits the JVM; {@link #run(StoreBackend, PrintStream, PrintStream, boolean, String...)}
 * returns the exit code, for tests and embedding.
 */
@Command(name = "rasteragg", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Per-label statistics of huge microscopy images, from a Zarr / OME-Zarr / SpatialData store "
                + "to a table.",
        subcommandsRepeatable = false)
public final class Main implements Runnable {

    /** The names of the commands. */
    private static final java.util.Set<String> COMMANDS = java.util.Set.of("stats", "info", "demo");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (!java.util.Arrays.asList(args).contains("--debug")
                && System.getProperty("java.util.logging.config.class") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            // Warnings reach the user in the summary; keep java.util.logging's copies off the terminal.
            System.setProperty("java.util.logging.config.class", QuietLogging.class.getName());
        }
        System.exit(run(args));
    }

    /** Runs with the Zarr backend on System.out / System.err. */
    public static int run(String... args) {
        return run(new ZarrBackend(), System.out, System.err, System.console() != null, args);
    }

    /**
     * Runs a command and returns its exit code; never exits the JVM.
     *
     * @param terminal whether stderr is a terminal (progress bar)
     */
    public static int run(StoreBackend backend, PrintStream out, PrintStream err, boolean terminal, String... args) {
        CommandLine cl = commandLine(new CliContext(backend, out, err, terminal), args.length == 0 ? null : args[0]);
        try {
            return Failures.execute(cl, "rasteragg", args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command line with every command (for tests that want picocli's model). */
    public static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, null);
    }

    /**
     * The command line for a run whose first argument is {@code first}: only the command it names
     * when it names one, else every command (for the top level's help and errors). picocli builds a
     * command's model by reflection when the command is added, and in a cold JVM the models of
     * commands that will not run cost a noticeable part of a short run's start.
     */
    static CommandLine commandLine(CliContext ctx, String first) {
        CommandLine cl = new CommandLine(new Main());
        boolean all = first == null || !COMMANDS.contains(first);
        if (all || "stats".equals(first)) {
            cl.addSubcommand(new StatsCommand(ctx));
            StatisticsHelp.addTo(cl.getSubcommands().get("stats"));
        }
        if (all || "info".equals(first)) {
            cl.addSubcommand(new InfoCommand(ctx));
        }
        if (all || "demo".equals(first)) {
            cl.addSubcommand(new DemoCommand(ctx));
        }
        cl.setOut(new PrintWriter(ctx.out(), true));
        cl.setErr(new PrintWriter(ctx.err(), true));
        cl.setExecutionExceptionHandler(Failures.handler(null));
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: stats, info or demo");
    }

    /** The version from the jar manifest, where there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rasteragg " + (v == null ? "(development build)" : v)};
        }
    }
}
