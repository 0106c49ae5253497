package org.rasteragg.job.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RecyclingAllocatorTest {

    @Test
    void aReleasedBufferIsHandedOutAgainAsIfNew() {
        RecyclingAllocator a = new RecyclingAllocator();
        ByteBuffer b = a.allocate(64);
        b.order(ByteOrder.LITTLE_ENDIAN).putLong(7).limit(20);
        a.release(b);
        ByteBuffer again = a.allocate(64);
        assertThat(again).isSameAs(b);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(64);
        assertThat(again.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(a.allocate(64)).isNotSameAs(b); // lent out: not handed out twice
        assertThat(a.allocate(32).capacity()).isEqualTo(32);
    }

    @Test
    void aSecondReleaseOrAForeignBufferIsIgnored() {
        RecyclingAllocator a = new RecyclingAllocator();
        ByteBuffer b = a.allocate(16);
        a.release(b);
        a.release(b);
        a.release(ByteBuffer.allocate(16));
        ByteBuffer first = a.allocate(16);
        ByteBuffer second = a.allocate(16);
        assertThat(first).isSameAs(b);
        assertThat(second).isNotSameAs(b);
    }
}
