package org.rasteragg.spark;

import java.io.Serializable;
import org.rasteragg.core.array.ChunkedArray;

/**
 * A serializable description of a chunked array that every executor can reopen: a
 * {@link ChunkedArray} holds open files and caches and is not serializable, so Spark tasks carry
 * this instead and call {@link #open()} on the executor. Implementations must be cheap to
 * serialize (a path, not the data) except for the test-only in-memory source.
 */
public interface ArraySource extends Serializable {

    /** Opens the array; called once per task on an executor (and once on the driver for metadata). */
    ChunkedArray open();

    /** A short human-readable name, for messages. */
    String description();
}
