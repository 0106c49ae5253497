package org.rasteragg.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.plan.Block;
import org.rasteragg.core.state.Features;

/**
 * The SIMD reducer must give the scalar reducer's bits: for random blocks (runs of labels as in
 * segmentation masks, every integer type up to 16 bits at its extremes, 2 to 9 channels so that
 * padding lanes occur, every feature set) one after the other through the same two instances, so
 * that accumulators left from a block with more labels or other data would show.
 */
class ChannelReducerEquivalenceTest {

    private static final DType[] TYPES = {DType.UINT8, DType.INT8, DType.UINT16, DType.INT16};
    private static final Features[] FEATURES = {new Features(1, false, false), new Features(0, true, false),
        new Features(2, true, false), new Features(4, false, true), new Features(4, true, true)};

    @Test
    void vectorAndScalarReducersGiveTheSameBits() {
        assumeTrue(VectorSupport.AVAILABLE, "jdk.incubator.vector is not resolved in this JVM");
        Random random = new Random(7);
        int withVariance = 0;
        for (Features features : FEATURES) {
            for (DType type : TYPES) {
                for (int channels = 2; channels <= 9; channels += random.nextInt(3) + 1) {
                    ChannelReducer vector = VectorSupport.vectorReducerFor(features, type, channels);
                    ChannelReducer scalar = new IntegerChannelReducer(features);
                    assertThat(vector).isInstanceOf(VectorChannelReducer.class);
                    for (int round = 0; round < 4; round++) {
                        withVariance += compare(random, features, type, channels, vector, scalar) ? 1 : 0;
                    }
                }
            }
        }
        assertThat(withVariance).as("blocks compared with non-zero variances").isGreaterThan(100);
    }

    @Test
    void theWarmUpEndsAndTheReducerKernelsGetGivesTheScalarBits() throws InterruptedException {
        assumeTrue(VectorSupport.AVAILABLE, "jdk.incubator.vector is not resolved in this JVM");
        Features features = new Features(4, true, true);
        VectorWarmup warmup = VectorWarmup.of(features, DType.UINT16, 5);
        assertThat(VectorWarmup.of(features, DType.UINT16, 5)).isSameAs(warmup);
        for (int i = 0; i < 1200 && !warmup.finished(); i++) {
            Thread.sleep(50);
        }
        assertThat(warmup.finished()).as("warm-up ended within a minute").isTrue();
        // Whether the vector reducer beat the scalar one in time (warm) depends on the machine's load
        // (it once lost on a busy 2-core machine): the bench shows the speed; here, either way, the
        // reducer the kernels get gives the scalar reducer's bits.
        Random random = new Random(3);
        ChannelReducer selecting = VectorSupport.reducerFor(features, DType.UINT16, 5);
        for (int round = 0; round < 4; round++) {
            compare(random, features, DType.UINT16, 5, selecting, new IntegerChannelReducer(features));
        }
    }

    /** Returns whether the block had a label with a non-zero M2 (the comparison was not trivial). */
    private static boolean compare(Random random, Features features, DType type, int channels, ChannelReducer vector,
            ChannelReducer scalar) {
        int ey = 1 + random.nextInt(40);
        int ex = 1 + random.nextInt(70);
        int voxels = ey * ex;
        int[] slotOf = new int[voxels];
        int labels = 0;
        int maxRun = 1 + random.nextInt(20);
        for (int i = 0; i < voxels; ) {
            // Runs of a new label or of one seen before; slots are numbered in order of appearance.
            int slot = labels == 0 || random.nextInt(3) == 0 ? labels++ : random.nextInt(labels);
            for (int n = 1 + random.nextInt(maxRun); n > 0 && i < voxels; n--) {
                slotOf[i++] = slot;
            }
        }
        long[] counts = new long[labels];
        for (int s : slotOf) {
            counts[s]++;
        }
        Object[] chunks = new Object[channels];
        for (int c = 0; c < channels; c++) {
            chunks[c] = randomValues(random, type, voxels);
        }
        Block block = new Block(0, new long[] {0, 0, 0}, new int[] {1, ey, ex}, new long[] {0, 0, 0},
                new long[] {0, 0, 0, 0});
        ImageRows rows = new ImageRows(block, chunks, type, new int[] {1, 1, ey, ex});
        BlockPartial a = partial(features, labels, channels);
        BlockPartial b = partial(features, labels, channels);
        vector.reduce(block, rows, slotOf, counts, a);
        scalar.reduce(block, rows, slotOf, counts, b);
        String what = type.numpyName() + " x " + channels + " channels, " + labels + " labels, " + features;
        assertThat(a.shifts).as("shifts " + what).isEqualTo(b.shifts);
        assertThat(a.sums).as("sums " + what).isEqualTo(b.sums);
        assertThat(a.min).as("min " + what).isEqualTo(b.min);
        assertThat(a.max).as("max " + what).isEqualTo(b.max);
        assertThat(a.m2).as("m2 " + what).isEqualTo(b.m2);
        assertThat(a.m3).as("m3 " + what).isEqualTo(b.m3);
        assertThat(a.m4).as("m4 " + what).isEqualTo(b.m4);
        return a.m2 != null && java.util.Arrays.stream(a.m2).anyMatch(m -> m > 0);
    }

    private static Object randomValues(Random random, DType type, int n) {
        // A constant block now and then (zero variance), else the type's full range or a narrow band near its top.
        int mode = random.nextInt(4);
        long lo = type.isSigned() ? (long) type.minValue() : 0;
        long hi = (long) type.maxValue();
        Object out = type.allocate(n);
        for (int i = 0; i < n; i++) {
            long v = switch (mode) {
                case 0 -> hi;
                case 1 -> hi - random.nextInt(7);
                default -> lo + (long) (random.nextDouble() * (hi - lo + 1));
            };
            if (out instanceof byte[] bytes) {
                bytes[i] = (byte) v;
            } else {
                ((short[]) out)[i] = (short) v;
            }
        }
        return out;
    }

    private static BlockPartial partial(Features f, int l, int channels) {
        int n = l * channels;
        int order = f.momentOrder();
        return new BlockPartial(l, channels, new long[l], new long[l], null, order >= 1 ? new double[n] : null,
                order >= 1 ? new double[n] : null, order >= 2 ? new double[n] : null,
                order >= 4 ? new double[n] : null, order >= 4 ? new double[n] : null,
                f.minMax() ? new double[n] : null, f.minMax() ? new double[n] : null);
    }
}
