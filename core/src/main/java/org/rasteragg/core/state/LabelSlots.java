package org.rasteragg.core.state;

/**
 * The label-to-slot map of a {@link LabelState}: slots are dense ({@code 0 .. size-1}, in the order
 * labels were first seen), labels arbitrary int64. Two forms with the same slots:
 * <ul>
 * <li>dense: a table indexed by the label itself, in pages of {@value #PAGE_SIZE} ints allocated
 * when first touched. Kept while labels are non-negative and the largest is below
 * {@value #SPREAD} times the labels seen (plus one page), so at most {@value #SPREAD} x 4 bytes per
 * label, with no rehash: at 10^7 labels 1..10^7 it takes 40 MB where the hash map took 400 MB
 * and 650 MB while it doubled.</li>
 * <li>hashed: a {@link LongIntHashMap}, for negative, huge or sparse labels, which the dense form
 * switches to once, for good, on the first label outside its bound.</li>
 * </ul>
 * The dense form also lists its labels in ascending order without sorting ({@link #ascending}).
 * Not thread-safe.
 */
public final class LabelSlots {

    /** Dense-table entries per page (256 KiB), below half a G1 region like the state's pages. */
    static final int PAGE_SIZE = 1 << 16;
    private static final int PAGE_BITS = 16;
    /** The dense form holds labels below SPREAD x (labels seen + 1) + one page. */
    static final int SPREAD = 8;

    /** slot + 1 per label of each page (0: absent); null pages hold none. Null once hashed. */
    private int[][] pages;
    private LongIntHashMap hashed;
    private final int expected;
    private int size;

    /** @param expectedLabels capacity hint for the hashed form */
    public LabelSlots(int expectedLabels) {
        this.expected = expectedLabels;
        this.pages = new int[1][];
    }

    /** A map in the hashed form from the start (the form {@code LabelSlots} switches to). */
    static LabelSlots hashed(int expectedLabels) {
        LabelSlots s = new LabelSlots(expectedLabels);
        s.toHashed();
        return s;
    }

    public int size() {
        return size;
    }

    /** Whether labels are still held in the dense form. */
    public boolean isDense() {
        return hashed == null;
    }

    /** The slot of {@code label}, or {@link LongIntHashMap#MISSING}. */
    public int get(long label) {
        if (hashed != null) {
            return hashed.get(label);
        }
        if (label < 0 || (label >>> PAGE_BITS) >= pages.length) {
            return LongIntHashMap.MISSING;
        }
        int[] page = pages[(int) (label >>> PAGE_BITS)];
        return page == null ? LongIntHashMap.MISSING : page[(int) label & (PAGE_SIZE - 1)] - 1;
    }

    /** The slot of {@code label}; when absent, gives it the next slot, {@link #size()} before the call. */
    public int getOrAdd(long label) {
        if (hashed == null && (label < 0 || label >= (long) SPREAD * (size + 1) + PAGE_SIZE)) {
            toHashed();
        }
        if (hashed != null) {
            int slot = hashed.getOrPut(label, size);
            if (slot == size) {
                size++;
            }
            return slot;
        }
        int p = (int) (label >>> PAGE_BITS);
        if (p >= pages.length) {
            pages = java.util.Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        int[] page = pages[p];
        if (page == null) {
            page = new int[PAGE_SIZE];
            pages[p] = page;
        }
        int i = (int) label & (PAGE_SIZE - 1);
        if (page[i] == 0) {
            page[i] = ++size;
        }
        return page[i] - 1;
    }

    private void toHashed() {
        LongIntHashMap map = new LongIntHashMap(Math.max(expected, 2 * size));
        for (int p = 0; p < pages.length; p++) {
            int[] page = pages[p];
            if (page != null) {
                for (int i = 0; i < PAGE_SIZE; i++) {
                    if (page[i] != 0) {
                        map.getOrPut(((long) p << PAGE_BITS) + i, page[i] - 1);
                    }
                }
            }
        }
        hashed = map;
        pages = null;
    }

    /**
     * The labels in ascending order, with {@code rowOfSlot[slot]} set to each label's position in
     * it: a scan of the dense table instead of a sort. Null (and {@code rowOfSlot} untouched) in the
     * hashed form.
     */
    public long[] ascending(int[] rowOfSlot) {
        if (hashed != null) {
            return null;
        }
        long[] out = new long[size];
        int row = 0;
        for (int p = 0; p < pages.length; p++) {
            int[] page = pages[p];
            if (page == null) {
                continue;
            }
            long base = (long) p << PAGE_BITS;
            for (int i = 0; i < PAGE_SIZE; i++) {
                if (page[i] != 0) {
                    rowOfSlot[page[i] - 1] = row;
                    out[row++] = base + i;
                }
            }
        }
        return out;
    }
}
