package org.rasteragg.gpu;

import org.rasteragg.core.array.DType;

/**
 * A {@link DeviceReducer} that runs {@link KernelEmulation} on the host: the CUDA engine's whole
 * pipeline, with the same accumulators, where there is no GPU. Not thread-safe.
 */
final class EmulatedReducer implements DeviceReducer {

    private final Accumulators acc;
    private final boolean signed;
    private long kernelNanos;

    /** @param imageType null when no statistic needs the image */
    EmulatedReducer(int channels, int powers, boolean center, boolean minMax, DType imageType) {
        this.acc = new Accumulators(0, imageType == null ? 0 : channels, powers, center, minMax);
        this.signed = imageType != null && imageType.isSigned();
    }

    @Override
    public void ensureSlots(int slots) {
        if (slots > acc.slots) {
            acc.grow(Math.max(slots, 2 * acc.slots));
        }
    }

    @Override
    public void reduce(StagedBlock block, int[] localToGlobal) {
        long t0 = System.nanoTime();
        KernelEmulation.reduce(block, localToGlobal, signed, acc);
        kernelNanos += System.nanoTime() - t0;
    }

    @Override
    public Accumulators read(int from, int to) {
        Accumulators out = new Accumulators(to - from, acc.channels, acc.powers, acc.center, acc.minMax);
        System.arraycopy(acc.counts, from, out.counts, 0, to - from);
        if (acc.center) {
            System.arraycopy(acc.coords, 3 * from, out.coords, 0, 3 * (to - from));
        }
        int perSlot = acc.channels * acc.powers * 2;
        System.arraycopy(acc.sums, from * perSlot, out.sums, 0, (to - from) * perSlot);
        if (acc.minMax) {
            System.arraycopy(acc.mins, from * acc.channels, out.mins, 0, (to - from) * acc.channels);
            System.arraycopy(acc.maxs, from * acc.channels, out.maxs, 0, (to - from) * acc.channels);
        }
        return out;
    }

    @Override
    public Timings timings() {
        return new Timings(0, kernelNanos, 0);
    }

    @Override
    public void close() {
    }
}
