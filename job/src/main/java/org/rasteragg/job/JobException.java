package org.rasteragg.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.rasteragg.core.GpuUnavailableException;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.UnknownStatisticException;
import org.rasteragg.zarr.ZarrException;

/**
 * Why a stats job failed, in the one scheme every front end reports: a usage error (exit 2: the
 * options contradict each other or a value is malformed), a data error (exit 1: the inputs cannot be
 * read or aggregated, an output cannot be written) or an internal error (exit 1, a bug: the message
 * says so). The message is one line naming the file, array, option and value.
 */
public final class JobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The class of a failure and its exit code. */
    public enum Kind {
        USAGE(2), DATA(1), INTERNAL(1);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public JobException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static JobException usage(String message) {
        return new JobException(Kind.USAGE, message, null);
    }

    public static JobException data(String message) {
        return new JobException(Kind.DATA, message, null);
    }

    public static JobException data(String message, Throwable cause) {
        return new JobException(Kind.DATA, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode();
    }

    /**
     * Any failure as a JobException: the one place that decides what is the user's data and what is
     * a bug. Core's input errors, Zarr errors and I/O errors are data errors (an unknown statistic
     * name is a usage error); running out of memory is a data error that says what to change;
     * anything else (a NullPointerException, an IllegalStateException, a linkage error) is internal.
     */
    public static JobException of(Throwable e) {
        if (e instanceof JobException j) {
            return j;
        }
        String m = oneLine(e);
        if (e instanceof UnknownStatisticException) {
            return new JobException(Kind.USAGE, m, e);
        }
        if (e instanceof GpuUnavailableException) {
            // --gpu on without a usable GPU: the user's machine, not a bug.
            return new JobException(Kind.DATA, m, e);
        }
        if (e instanceof InvalidInputException || e instanceof ZarrException
                || e instanceof UncheckedIOException || e instanceof IOException) {
            return new JobException(Kind.DATA, m, e);
        }
        if (e instanceof OutOfMemoryError) {
            return new JobException(Kind.DATA, "out of memory (" + m + "): give --max-memory (e.g. --max-memory 2g), "
                    + "fewer --threads or a larger heap (-Xmx8g, RASTERAGG_JAVA_OPTS=-Xmx8g)", e);
        }
        if (e instanceof LinkageError) {
            // A class missing or incompatible at run time: the installation is broken, not the data.
            return new JobException(Kind.INTERNAL, "internal error: " + e.getClass().getSimpleName() + " " + m
                    + " (a broken installation or build: " + REPORT_HINT + ")", e);
        }
        return new JobException(Kind.INTERNAL, m + " (an internal error: " + REPORT_HINT + ")", e);
    }

    /** What an internal error asks of the user. */
    static final String REPORT_HINT = "run again with --debug for the stack trace and please report it";

    /** A one-line message: the exception's message, or its type (and its cause's) where it has none. */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
            if (e.getCause() != null && e.getCause() != e) {
                m += ": " + oneLine(e.getCause());
            }
        }
        return m.replace('\n', ' ');
    }
}
