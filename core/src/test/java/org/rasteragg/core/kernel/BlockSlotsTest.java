package org.rasteragg.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The block-local map must give each label of a block one slot, in order of first sight, whether
 * the label sits in the table or (its entry taken by another label) in the hash map, and start
 * every block empty, against a plain {@link HashMap}.
 */
class BlockSlotsTest {

    @Test
    void givesTheSlotsOfAMapBlockAfterBlock() {
        Random random = new Random(5);
        BlockSlots slots = new BlockSlots();
        int voxels = 1 << 14; // a table of 4096 entries
        int hashed = 0;
        for (int block = 0; block < 40; block++) {
            slots.startBlock(voxels);
            Map<Long, Integer> expected = new HashMap<>();
            long[] labels = new long[voxels];
            int mode = block % 4;
            long base = random.nextInt(1 << 20) - (1 << 19);
            for (int i = 0; i < voxels; i++) {
                long label = switch (mode) {
                    case 0 -> base + random.nextInt(3000); // a range within the table
                    case 1 -> base + 4096L * random.nextInt(6) + random.nextInt(8); // same low bits
                    case 2 -> random.nextLong(); // anything, negative too
                    default -> Long.MIN_VALUE + random.nextInt(10); // extremes
                };
                int next = expected.size();
                Integer want = expected.putIfAbsent(label, next);
                int got = slots.getOrPut(label, next);
                assertThat(got).as("block %d, label %d", block, label).isEqualTo(want == null ? next : want);
                if (want == null) {
                    labels[next] = label;
                }
            }
            hashed += mode == 1 ? 1 : 0;
            slots.clear(labels, expected.size());
        }
        assertThat(hashed).isPositive();
    }

    @Test
    void scratchGrowsWithTheBlockAndStaysBounded() {
        assertThat(BlockSlots.bytes(1 << 20)).isEqualTo((1L << 18) * 12);
        assertThat(BlockSlots.bytes(10)).isEqualTo(1024L * 12);
        assertThat(BlockSlots.bytes(1L << 40)).isEqualTo((1L << 24) * 12);
    }
}
