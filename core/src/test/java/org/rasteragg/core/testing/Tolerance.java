package org.rasteragg.core.testing;

/**
 * A closeness rule: {@code |actual - expected| <= abs} or {@code <= rel * |expected|}. NaN
 * matches only NaN; infinities only themselves.
 */
public record Tolerance(double rel, double abs) {

    /** SEMANTICS.md: relative 1e-9, absolute 1e-9 near 0. */
    public static final Tolerance FLOAT64_REFERENCE = new Tolerance(1e-9, 1e-9);
    /** golden/README.md: harpy's float32 partials, relative 1e-5. */
    public static final Tolerance HARPY = new Tolerance(1e-5, 0);
    /** golden/README.md: harpy's skew and kurtosis, relative 1e-5, absolute 1e-4. */
    public static final Tolerance HARPY_MOMENTS = new Tolerance(1e-5, 1e-4);
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public boolean matches(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected;
        }
        double diff = Math.abs(actual - expected);
        return diff <= abs || diff <= rel * Math.abs(expected);
    }
}
