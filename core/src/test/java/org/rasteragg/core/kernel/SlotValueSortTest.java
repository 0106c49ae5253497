package org.rasteragg.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The radix sort by (slot, value) against grouping by slot and Arrays.sort, on every range it takes. */
class SlotValueSortTest {

    /** Slot k's values sorted the plain way. */
    private static int[] reference(int[] values, int[] slotOf, int labels, int[] start) {
        int[] out = new int[values.length];
        int[] at = Arrays.copyOf(start, labels);
        for (int v = 0; v < values.length; v++) {
            out[at[slotOf[v]]++] = values[v];
        }
        for (int k = 0; k < labels; k++) {
            Arrays.sort(out, start[k], start[k + 1]);
        }
        return out;
    }

    @Test
    void sortsEachSlotLikeArraysSortForEveryRangeItTakes() {
        Random rnd = new Random(17);
        SlotValueSort sort = new SlotValueSort();
        // one-pass ranges (up to 2^11), two-byte ranges (up to 2^16), negative and offset values
        long[][] ranges = {{0, 1}, {5, 7}, {-3, 2045}, {100, 100 + 2048}, {100, 100 + 2049}, {0, 65536},
            {-32768, 32768}, {60000 - 3, 60000 + 4}, {Integer.MAX_VALUE - 70000L, Integer.MAX_VALUE - 4465L}};
        for (long[] r : ranges) {
            for (int labels : new int[] {1, 3, 200, (1 << 15) - 1}) {
                int voxels = 1 + rnd.nextInt(5000);
                int[] values = new int[voxels];
                int[] slotOf = new int[voxels];
                int[] counts = new int[labels];
                for (int v = 0; v < voxels; v++) {
                    values[v] = (int) (r[0] + (long) (rnd.nextDouble() * (r[1] - r[0])));
                    slotOf[v] = v < labels ? v % labels : rnd.nextInt(labels);
                    counts[slotOf[v]]++;
                }
                int[] start = new int[labels + 1];
                for (int k = 0; k < labels; k++) {
                    start[k + 1] = start[k] + counts[k];
                }
                int[] out = new int[voxels];
                assertThat(sort.sort(values, slotOf, voxels, labels, start, out)).as(Arrays.toString(r)).isTrue();
                assertThat(out).as(Arrays.toString(r) + " labels " + labels)
                        .isEqualTo(reference(values, slotOf, labels, start));
            }
        }
    }

    @Test
    void refusesWhatTheKeysCannotHold() {
        SlotValueSort sort = new SlotValueSort();
        int[] wide = {0, 1 << 16};
        assertThat(sort.sort(wide, new int[] {0, 0}, 2, 1, new int[] {0, 2}, new int[2])).isFalse();
        int[] narrow = {1, 2};
        assertThat(sort.sort(narrow, new int[] {0, 1}, 2, 1 << 15, new int[(1 << 15) + 1], new int[2])).isFalse();
        int[] extremes = {Integer.MIN_VALUE, Integer.MAX_VALUE};
        assertThat(sort.sort(extremes, new int[] {0, 0}, 2, 1, new int[] {0, 2}, new int[2])).isFalse();
    }
}
