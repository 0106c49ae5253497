package org.rasteragg.zarr.codec.blosc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The fast shuffles agree with the bit-by-bit definition and invert each other. */
class ShuffleTest {

    /** The definition: bit k of byte j of element i goes to bit (8j + k) * n + i, LSB first. */
    static byte[] referenceBitShuffle(byte[] src, int typesize, int n) {
        byte[] out = new byte[n * typesize];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < typesize; j++) {
                for (int k = 0; k < 8; k++) {
                    if ((src[i * typesize + j] >>> k & 1) != 0) {
                        int bit = (8 * j + k) * n + i;
                        out[bit >>> 3] |= (byte) (1 << (bit & 7));
                    }
                }
            }
        }
        return out;
    }

    @Property(tries = 100)
    void bitShuffleMatchesDefinitionAndInverts(@ForAll @IntRange(min = 1, max = 16) int typesize,
            @ForAll @IntRange(min = 0, max = 40) int groups, @ForAll long seed) {
        int n = groups * 8;
        byte[] src = new byte[n * typesize];
        new Random(seed).nextBytes(src);
        byte[] fast = new byte[src.length];
        Shuffle.bitShuffle(typesize, src, 0, fast, 0, n);
        assertThat(fast).isEqualTo(referenceBitShuffle(src, typesize, n));
        byte[] back = new byte[src.length];
        Shuffle.bitUnshuffle(typesize, fast, 0, back, 0, n);
        assertThat(back).isEqualTo(src);
    }

    @Property(tries = 100)
    void byteShuffleInverts(@ForAll @IntRange(min = 1, max = 16) int typesize,
            @ForAll @IntRange(min = 0, max = 500) int length, @ForAll long seed) {
        byte[] src = new byte[length];
        new Random(seed).nextBytes(src);
        byte[] s = new byte[length];
        Shuffle.byteShuffle(typesize, src, 0, s, 0, length);
        byte[] back = new byte[length];
        Shuffle.byteUnshuffle(typesize, s, 0, back, 0, length);
        assertThat(back).isEqualTo(src);
        int n = length / typesize;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < typesize; j++) {
                assertThat(s[j * n + i]).isEqualTo(src[i * typesize + j]);
            }
        }
    }
}
