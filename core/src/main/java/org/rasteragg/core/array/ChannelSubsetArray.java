package org.rasteragg.core.array;

import java.util.Arrays;

/**
 * A view of some channels (axis 0) of an image, in a given order, so that channels nobody asked
 * for are never decoded. The view's chunks hold one channel each; when the source stores several
 * channels per chunk, the source chunk is read into a per-thread scratch buffer and the selected
 * plane copied out. Thread-safe when the source is.
 */
public final class ChannelSubsetArray implements ChunkedArray {

    private final ChunkedArray source;
    private final int[] channels;
    private final ChunkGrid grid;
    private final int sourceChannelsPerChunk;
    private final int planeElements;
    private final ThreadLocal<Object> scratch;

    /**
     * @param source an image with channels on axis 0
     * @param channels source channel indices, each in range, no repeats
     */
    public ChannelSubsetArray(ChunkedArray source, int[] channels) {
        long available = source.shape()[0];
        if (channels.length == 0) {
            throw new IllegalArgumentException("select at least one channel");
        }
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] < 0 || channels[i] >= available) {
                throw new IllegalArgumentException("channel " + channels[i] + " outside 0.." + (available - 1) + " of "
                        + source.description());
            }
            for (int j = 0; j < i; j++) {
                if (channels[i] == channels[j]) {
                    throw new IllegalArgumentException("channel " + channels[i] + " selected twice");
                }
            }
        }
        this.source = source;
        this.channels = channels.clone();
        long[] shape = source.shape();
        shape[0] = channels.length;
        int[] chunks = source.chunkShape();
        this.sourceChannelsPerChunk = chunks[0];
        chunks[0] = 1;
        this.grid = new ChunkGrid(shape, chunks);
        this.planeElements = grid.chunkElements();
        this.scratch = ThreadLocal.withInitial(() -> source.dtype().allocate(source.grid().chunkElements()));
    }

    @Override
    public DType dtype() {
        return source.dtype();
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    @Override
    public void readChunk(long[] gridPosition, Object destination) {
        long[] p = gridPosition.clone();
        int channel = channels[(int) gridPosition[0]];
        p[0] = channel / sourceChannelsPerChunk;
        if (sourceChannelsPerChunk == 1) {
            source.readChunk(p, destination);
            return;
        }
        Object buffer = scratch.get();
        source.readChunk(p, buffer);
        System.arraycopy(buffer, (channel % sourceChannelsPerChunk) * planeElements, destination, 0, planeElements);
    }

    @Override
    public String description() {
        return source.description() + " channels " + Arrays.toString(channels);
    }
}
