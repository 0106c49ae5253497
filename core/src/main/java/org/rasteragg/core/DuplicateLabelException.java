package org.rasteragg.core;

/** An explicit index names the same label twice. */
public final class DuplicateLabelException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public DuplicateLabelException(String message) {
        super(message);
    }

    /**
     * Refuses an index that holds a label twice, naming the label and both positions (the one rule
     * for the core engine's result and the Spark job's index).
     *
     * @throws DuplicateLabelException at the first label seen twice
     */
    public static void requireUnique(long[] index) {
        org.rasteragg.core.state.LongIntHashMap seen = new org.rasteragg.core.state.LongIntHashMap(index.length);
        for (int i = 0; i < index.length; i++) {
            int first = seen.getOrPut(index[i], i);
            if (first != i) {
                throw new DuplicateLabelException("the index holds label " + index[i] + " twice (positions " + first
                        + " and " + i + "); labels in an index must be unique");
            }
        }
    }
}
