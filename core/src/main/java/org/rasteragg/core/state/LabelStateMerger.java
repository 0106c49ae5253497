package org.rasteragg.core.state;

/** Set operation on label states: the union of two, inputs never modified. Thread-safe (stateless). */
public final class LabelStateMerger {

    private LabelStateMerger() {
    }

    /**
     * A new state holding everything {@code a} and {@code b} hold. Neither input is modified.
     * Associative up to float64 rounding: results do not depend on how blocks are grouped.
     *
     * @throws IllegalArgumentException when {@code a == b} (merging a state with itself would count
     *     every voxel twice) or the states track different statistics or channel counts
     */
    public static LabelState merge(LabelState a, LabelState b) {
        if (a == b) {
            throw new IllegalArgumentException("cannot merge a label state with itself");
        }
        LabelState result = a.copy();
        result.addAll(b);
        return result;
    }
}
