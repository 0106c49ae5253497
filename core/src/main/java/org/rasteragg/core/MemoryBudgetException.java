package org.rasteragg.core;

/** The requested memory bound cannot hold even one block in flight; the message gives the figures. */
public final class MemoryBudgetException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public MemoryBudgetException(String message) {
        super(message);
    }
}
