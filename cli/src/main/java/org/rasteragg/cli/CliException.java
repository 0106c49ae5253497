package org.rasteragg.cli;

/**
 * A data error the command reports in one line (exit code 1): the message names the file and
 * the problem. Thrown by the commands and by {@link io.StoreBackend} implementations.
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
