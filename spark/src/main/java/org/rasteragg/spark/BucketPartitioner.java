package org.rasteragg.spark;

import org.apache.spark.Partitioner;

/** Sends key {@code bucket * ranges + range} to reduce partition {@code bucket}. */
final class BucketPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int buckets;
    private final int ranges;

    BucketPartitioner(int buckets, int ranges) {
        this.buckets = buckets;
        this.ranges = ranges;
    }

    @Override
    public int numPartitions() {
        return buckets;
    }

    @Override
    public int getPartition(Object key) {
        return (int) ((Long) key / ranges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketPartitioner p && p.buckets == buckets && p.ranges == ranges;
    }

    @Override
    public int hashCode() {
        return buckets * 31 + ranges;
    }
}
