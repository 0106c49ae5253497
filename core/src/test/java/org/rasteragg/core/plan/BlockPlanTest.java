package org.rasteragg.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rasteragg.core.array.ChunkGrid;

/** The intersection grid tiles the volume exactly, and its chunk use counts are the truth. */
class BlockPlanTest {

    @Property(tries = 200)
    void blocksTileTheVolumeAndEachLiesInOneChunkOfEachArray(@ForAll @IntRange(min = 1, max = 30) int y,
            @ForAll @IntRange(min = 1, max = 30) int x, @ForAll @IntRange(min = 1, max = 12) int my,
            @ForAll @IntRange(min = 1, max = 12) int mx, @ForAll @IntRange(min = 1, max = 12) int iy,
            @ForAll @IntRange(min = 1, max = 12) int ix) {
        ChunkGrid mask = new ChunkGrid(new long[] {2, y, x}, new int[] {1, my, mx});
        ChunkGrid image = new ChunkGrid(new long[] {3, 2, y, x}, new int[] {2, 2, iy, ix});
        BlockPlan plan = new BlockPlan(mask, image);
        boolean[] covered = new boolean[2 * y * x];
        Map<String, Long> maskUses = new HashMap<>();
        Map<String, Long> imageUses = new HashMap<>();
        for (long i = 0; i < plan.blockCount(); i++) {
            Block b = plan.block(i);
            for (int a = 0; a < 3; a++) {
                int mc = mask.chunkExtent(a);
                int ic = image.chunkExtent(a + 1);
                assertThat(b.origin()[a] / mc).isEqualTo(b.maskChunk()[a]);
                assertThat((b.origin()[a] + b.extent()[a] - 1) / mc).isEqualTo(b.maskChunk()[a]);
                assertThat((b.origin()[a] + b.extent()[a] - 1) / ic).isEqualTo(b.imageChunk()[a]);
            }
            for (long zz = b.origin()[0]; zz < b.origin()[0] + b.extent()[0]; zz++) {
                for (long yy = b.origin()[1]; yy < b.origin()[1] + b.extent()[1]; yy++) {
                    for (long xx = b.origin()[2]; xx < b.origin()[2] + b.extent()[2]; xx++) {
                        int v = (int) ((zz * y + yy) * x + xx);
                        assertThat(covered[v]).as("voxel covered twice").isFalse();
                        covered[v] = true;
                    }
                }
            }
            maskUses.merge(java.util.Arrays.toString(b.maskChunk()), 1L, Long::sum);
            imageUses.merge(java.util.Arrays.toString(b.imageChunk()), 1L, Long::sum);
        }
        for (boolean c : covered) {
            assertThat(c).isTrue();
        }
        for (long i = 0; i < plan.blockCount(); i++) {
            Block b = plan.block(i);
            assertThat(plan.maskChunkUses(b.maskChunk())).isEqualTo(maskUses.get(java.util.Arrays.toString(b.maskChunk())));
            assertThat(plan.imageChunkUses(b.imageChunk()))
                    .isEqualTo(imageUses.get(java.util.Arrays.toString(b.imageChunk())));
        }
        assertThat(plan.isAligned()).isEqualTo(maskUses.size() == plan.blockCount()
                && imageUses.size() == plan.blockCount());
    }
}
