package org.rasteragg.core;

/** A statistic name that is not one of the valid ones; the message lists them. */
public final class UnknownStatisticException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public UnknownStatisticException(String message) {
        super(message);
    }
}
