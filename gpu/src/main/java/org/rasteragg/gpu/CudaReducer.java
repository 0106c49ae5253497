package org.rasteragg.gpu;

import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;
import org.rasteragg.core.array.DType;

/**
 * A {@link DeviceReducer} on a CUDA device. Per-label accumulators live on the device for every
 * global slot (doubling when labels outgrow them; 10^7 labels of 8 channels with all moments take
 * about 6 GB). Blocks go through {@link #IN_FLIGHT} staging sets, each a page-locked host buffer, a
 * device buffer, a stream and events: while the kernel of one block runs on its stream, the next
 * block is copied on another and the CPU fills a third, so copies overlap kernels.
 *
 * <p>Used by one thread (the engine's merging thread), which must keep the context current.
 */
final class CudaReducer implements DeviceReducer {

    static final int IN_FLIGHT = 3;
    static final int THREADS_PER_BLOCK = 256;
    private static final int KERNEL_ARGS = 17;

    private final CudaDevice device;
    private final CudaDriver d;
    private final ResourceScope scope = ResourceScope.newConfinedScope();
    private final MemorySegment out = MemorySegment.allocateNative(8, scope);
    private final int channels;
    private final int powers;
    private final boolean center;
    private final boolean minMax;
    private final long function;
    private final int valueBytes;
    private final Staging[] sets = new Staging[IN_FLIGHT];
    private int nextSet;
    private int capacity;
    private long counts;
    private long coords;
    private long sums;
    private long mins;
    private long maxs;
    private long transferNanos;
    private long kernelNanos;
    private long readBackNanos;

    /** One staging set: pinned host and device buffers of {@code bytes}, a stream and its events. */
    private final class Staging {
        long host;
        long deviceBuffer;
        long bytes;
        final long stream;
        final long beforeCopy;
        final long beforeKernel;
        final long done;
        boolean busy;
        final MemorySegment args = MemorySegment.allocateNative(8L * KERNEL_ARGS, 8, scope);
        final MemorySegment argPointers = MemorySegment.allocateNative(8L * KERNEL_ARGS, 8, scope);

        Staging() {
            d.check(d.streamCreate(out), "cuStreamCreate");
            stream = MemoryAccess.getLong(out);
            beforeCopy = event();
            beforeKernel = event();
            done = event();
            for (int i = 0; i < KERNEL_ARGS; i++) {
                MemoryAccess.setAddressAtIndex(argPointers, i, args.address().addOffset(8L * i));
            }
        }

        /** Waits until the device is done with this set, adding its copy and kernel time. */
        void await() {
            if (!busy) {
                return;
            }
            d.check(d.eventSynchronize(done), "cuEventSynchronize");
            transferNanos += elapsedNanos(beforeCopy, beforeKernel);
            kernelNanos += elapsedNanos(beforeKernel, done);
            busy = false;
        }

        void ensure(long need) {
            if (need <= bytes) {
                return;
            }
            release();
            long size = Math.max(need, bytes * 5 / 4);
            d.check(d.hostAlloc(out, size), "cuMemHostAlloc of " + size + " bytes");
            host = MemoryAccess.getLong(out);
            d.check(d.alloc(out, size), "cuMemAlloc of " + size + " bytes");
            deviceBuffer = MemoryAccess.getLong(out);
            bytes = size;
        }

        void release() {
            if (host != 0) {
                d.freeHost(host);
                d.free(deviceBuffer);
                host = 0;
                deviceBuffer = 0;
                bytes = 0;
            }
        }
    }

    /** @param imageType null when no statistic needs the image (the uint8 kernel with 0 channels) */
    CudaReducer(CudaDevice device, int channels, int powers, boolean center, boolean minMax, DType imageType) {
        this.device = device;
        this.d = device.driver;
        device.makeCurrent();
        this.channels = imageType == null ? 0 : channels;
        this.powers = powers;
        this.center = center;
        this.minMax = minMax;
        DType kernelType = imageType == null ? DType.UINT8 : imageType;
        this.function = device.functions.get("reduce_" + kernelType.name().toLowerCase(java.util.Locale.ROOT));
        this.valueBytes = kernelType.byteSize();
        for (int i = 0; i < IN_FLIGHT; i++) {
            sets[i] = new Staging();
        }
    }

    private long event() {
        d.check(d.eventCreate(out), "cuEventCreate");
        return MemoryAccess.getLong(out);
    }

    private long elapsedNanos(long from, long to) {
        d.check(d.elapsed(out, from, to), "cuEventElapsedTime");
        return (long) (MemoryAccess.getFloat(out) * 1e6);
    }

    private long perSlotSums() {
        return (long) channels * powers * 16;
    }

    @Override
    public void ensureSlots(int slots) {
        if (slots <= capacity) {
            return;
        }
        int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(slots, Math.max(1L << 16, 2L * capacity)));
        d.check(d.synchronize(), "cuCtxSynchronize");
        long need = (long) grown * (8 + (center ? 24 : 0) + perSlotSums() + (minMax ? 8L * channels : 0));
        MemorySegment total = MemorySegment.allocateNative(8, scope);
        d.check(d.memInfo(out, total), "cuMemGetInfo");
        long free = MemoryAccess.getLong(out);
        if (need > free) {
            throw new CudaException(String.format("%d labels of %d channels need %d MB of device memory for their "
                    + "accumulators, but the GPU has %d MB free", slots, channels, need >> 20, free >> 20));
        }
        counts = grow(counts, 8L * capacity, 8L * grown, 0);
        coords = center ? grow(coords, 24L * capacity, 24L * grown, 0) : 0;
        sums = powers > 0 && channels > 0 ? grow(sums, perSlotSums() * capacity, perSlotSums() * grown, 0) : 0;
        if (minMax && channels > 0) {
            mins = grow(mins, 4L * channels * capacity, 4L * channels * grown, Integer.MAX_VALUE);
            maxs = grow(maxs, 4L * channels * capacity, 4L * channels * grown, Integer.MIN_VALUE);
        }
        // The copies and memsets ran on the legacy default stream, which the non-blocking block
        // streams do not wait for: finish them before the next kernel reads the arrays.
        d.check(d.synchronize(), "cuCtxSynchronize");
        capacity = grown;
    }

    /** A device array of {@code bytes} holding the {@code oldBytes} of {@code old}, the rest set to {@code fill}. */
    private long grow(long old, long oldBytes, long bytes, int fill) {
        d.check(d.alloc(out, bytes), "cuMemAlloc of " + bytes + " bytes");
        long p = MemoryAccess.getLong(out);
        if (old != 0) {
            d.check(d.copyOnDevice(p, old, oldBytes), "cuMemcpyDtoD");
            d.check(d.free(old), "cuMemFree");
        }
        d.check(d.memset32(p + oldBytes, fill, (bytes - oldBytes) / 4), "cuMemsetD32");
        return p;
    }

    @Override
    public void reduce(StagedBlock b, int[] localToGlobal) {
        Staging s = sets[nextSet];
        nextSet = (nextSet + 1) % IN_FLIGHT;
        s.await();
        long slotBytes = 4L * b.voxels();
        long mapAt = slotBytes;
        long valuesAt = align(mapAt + 4L * localToGlobal.length);
        long valuesBytes = b.values() == null ? 0 : (long) b.voxels() * channels * valueBytes;
        long need = valuesAt + valuesBytes;
        s.ensure(need);
        MemorySegment pinned = MemoryAddress.ofLong(s.host).asSegment(need, ResourceScope.globalScope());
        parallelCopy(MemorySegment.ofArray(b.slots()), pinned.asSlice(0, slotBytes));
        pinned.asSlice(mapAt, 4L * localToGlobal.length).copyFrom(MemorySegment.ofArray(localToGlobal));
        if (valuesBytes > 0) {
            MemorySegment values = b.values() instanceof short[] v ? MemorySegment.ofArray(v)
                    : MemorySegment.ofArray((byte[]) b.values());
            parallelCopy(values.asSlice(0, valuesBytes), pinned.asSlice(valuesAt, valuesBytes));
        }
        d.check(d.eventRecord(s.beforeCopy, s.stream), "cuEventRecord");
        d.check(d.copyToDeviceAsync(s.deviceBuffer, s.host, need, s.stream), "cuMemcpyHtoDAsync");
        d.check(d.eventRecord(s.beforeKernel, s.stream), "cuEventRecord");
        int[] e = b.block().extent();
        long[] o = b.block().origin();
        long dev = s.deviceBuffer;
        long[] args = {dev, dev + mapAt, valuesBytes > 0 ? dev + valuesAt : 0};
        for (int i = 0; i < 3; i++) {
            MemoryAccess.setLongAtIndex(s.args, i, args[i]);
        }
        int[] ints = {b.voxels(), valuesBytes > 0 ? channels : 0, e[1], e[2]};
        for (int i = 0; i < 4; i++) {
            MemoryAccess.setIntAtOffset(s.args, 8L * (3 + i), ints[i]);
        }
        for (int i = 0; i < 3; i++) {
            MemoryAccess.setLongAtIndex(s.args, 7 + i, o[i]);
        }
        MemoryAccess.setIntAtOffset(s.args, 8L * 10, powers);
        MemoryAccess.setIntAtOffset(s.args, 8L * 11, (center ? 1 : 0) | (minMax ? 2 : 0));
        long[] state = {counts, coords, sums, mins, maxs};
        for (int i = 0; i < 5; i++) {
            MemoryAccess.setLongAtIndex(s.args, 12 + i, state[i]);
        }
        long threads = ((long) b.voxels() + KernelEmulation.VOXELS_PER_THREAD - 1) / KernelEmulation.VOXELS_PER_THREAD;
        int grid = (int) ((threads + THREADS_PER_BLOCK - 1) / THREADS_PER_BLOCK);
        d.check(d.launch(function, grid, THREADS_PER_BLOCK, s.stream, s.argPointers), "cuLaunchKernel");
        d.check(d.eventRecord(s.done, s.stream), "cuEventRecord");
        s.busy = true;
    }

    /**
     * Copies {@code from} into {@code to} in slices on the common pool: one thread copies about
     * 10 GB/s, which alone would cap a 16-bit 8-channel image at 600 Mvoxel/s.
     */
    private static void parallelCopy(MemorySegment from, MemorySegment to) {
        long slice = 8L << 20;
        int slices = (int) ((from.byteSize() + slice - 1) / slice);
        java.util.stream.IntStream.range(0, slices).parallel().forEach(i -> {
            long at = i * slice;
            long n = Math.min(slice, from.byteSize() - at);
            to.asSlice(at, n).copyFrom(from.asSlice(at, n));
        });
    }

    private static long align(long at) {
        return (at + 15) & ~15L;
    }

    @Override
    public Accumulators read(int from, int to) {
        for (Staging s : sets) {
            s.await();
        }
        long t0 = System.nanoTime();
        int n = to - from;
        Accumulators acc = new Accumulators(n, channels, powers, center, minMax);
        copyBack(counts + 8L * from, MemorySegment.ofArray(acc.counts));
        if (center) {
            copyBack(coords + 24L * from, MemorySegment.ofArray(acc.coords));
        }
        if (sums != 0) {
            copyBack(sums + perSlotSums() * from, MemorySegment.ofArray(acc.sums));
        }
        if (mins != 0) {
            copyBack(mins + 4L * channels * from, MemorySegment.ofArray(acc.mins));
            copyBack(maxs + 4L * channels * from, MemorySegment.ofArray(acc.maxs));
        }
        readBackNanos += System.nanoTime() - t0;
        return acc;
    }

    private void copyBack(long deviceAddress, MemorySegment heap) {
        if (heap.byteSize() == 0) {
            return;
        }
        try (ResourceScope temp = ResourceScope.newConfinedScope()) {
            MemorySegment buffer = MemorySegment.allocateNative(heap.byteSize(), 8, temp);
            d.check(d.copyToHost(buffer.address().toRawLongValue(), deviceAddress, heap.byteSize()), "cuMemcpyDtoH");
            heap.copyFrom(buffer);
        }
    }

    @Override
    public Timings timings() {
        return new Timings(transferNanos, kernelNanos, readBackNanos);
    }

    @Override
    public void close() {
        d.synchronize();
        for (Staging s : sets) {
            s.release();
            d.eventDestroy(s.beforeCopy);
            d.eventDestroy(s.beforeKernel);
            d.eventDestroy(s.done);
            d.streamDestroy(s.stream);
        }
        for (long p : new long[] {counts, coords, sums, mins, maxs}) {
            if (p != 0) {
                d.free(p);
            }
        }
        scope.close();
    }
}
