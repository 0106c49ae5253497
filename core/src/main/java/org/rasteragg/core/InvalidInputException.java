package org.rasteragg.core;

/**
 * Input the engine cannot aggregate: wrong dtype or dimensions, mismatched shapes, unknown
 * statistic names, duplicate index labels, NaN values, out-of-range labels. The root of core's
 * input errors; the message names the input and the value found.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
