package org.rasteragg.core.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.table.AggregationResult;

/** Selected channels read exactly the source's planes, whatever the source's channel chunking. */
class ChannelSubsetArrayTest {

    private static InMemoryArray image(int channelsPerChunk) {
        short[] v = new short[4 * 3 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (i * 7 % 50);
        }
        return new InMemoryArray(DType.UINT16, v, new long[] {4, 3, 5}, new int[] {channelsPerChunk, 2, 3});
    }

    @Test
    void selectedChannelsEqualTheSourcePlanesForAnyChannelChunking() {
        int[] mask = new int[15];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 4;
        }
        InMemoryArray labels = new InMemoryArray(DType.INT32, mask, new long[] {3, 5}, new int[] {2, 2});
        AggregationResult all = RasterAggregator.builder().mask(labels).image(image(4)).build()
                .aggregateAll(java.util.EnumSet.of(Statistic.SUM, Statistic.MAX), null);
        for (int perChunk : new int[] {1, 3, 4}) {
            ChunkedArray subset = ChunkedArrays.selectChannels(image(perChunk), new int[] {3, 1});
            assertThat(subset.shape()).containsExactly(2, 3, 5);
            AggregationResult some = RasterAggregator.builder().mask(labels).image(subset).build()
                    .aggregateAll(java.util.EnumSet.of(Statistic.SUM, Statistic.MAX), null);
            assertThat(some.values(Statistic.SUM, 0)).isEqualTo(all.values(Statistic.SUM, 3));
            assertThat(some.values(Statistic.SUM, 1)).isEqualTo(all.values(Statistic.SUM, 1));
            assertThat(some.values(Statistic.MAX, 0)).isEqualTo(all.values(Statistic.MAX, 3));
        }
    }

    @Test
    void selectingEveryChannelInOrderIsTheImageItselfAndBadSelectionsAreRefused() {
        InMemoryArray img = image(2);
        assertThat(ChunkedArrays.selectChannels(img, new int[] {0, 1, 2, 3})).isSameAs(img);
        assertThatThrownBy(() -> ChunkedArrays.selectChannels(img, new int[] {4})).hasMessageContaining("channel 4");
        assertThatThrownBy(() -> ChunkedArrays.selectChannels(img, new int[] {1, 1})).hasMessageContaining("twice");
    }
}
