package org.rasteragg.zarr.anndata;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The obs names of a SpatialData table, {@code "{label}{suffix of its labels element}"}, made when
 * read: the string array writer asks for one chunk at a time, so 10^7 rows never hold 10^7
 * strings. Immutable.
 */
final class LabelNames extends AbstractList<String> implements RandomAccess {

    private final long[] labels;
    private final int first;
    private final int[] codes;
    private final List<String> suffixes;

    /** Name r is {@code labels[first + r] + suffixes.get(codes[r])}. */
    LabelNames(long[] labels, int first, int[] codes, List<String> suffixes) {
        if (first < 0 || labels.length - first < codes.length) {
            throw new IllegalArgumentException((labels.length - first) + " labels for " + codes.length + " codes");
        }
        this.labels = labels;
        this.first = first;
        this.codes = codes;
        this.suffixes = List.copyOf(suffixes);
    }

    @Override
    public String get(int r) {
        return labels[first + r] + suffixes.get(codes[r]);
    }

    @Override
    public int size() {
        return codes.length;
    }
}
