package org.rasteragg.job.out;

/**
 * A writer of the wide table in one format: fed batches of rows, column-major, in row order; nothing
 * is visible at its destination before {@link #commit} (files are written aside and moved in place;
 * standard output, which cannot be taken back, is written as batches come). {@link #close} without
 * a commit removes what was written aside. Not thread-safe.
 */
public interface TableWriter extends AutoCloseable {

    /** Appends the rows of a batch. @throws org.rasteragg.job.JobException (data) on a write error */
    void write(ResultBatch batch);

    /** Makes the output visible, complete. @throws org.rasteragg.job.JobException (data) on a write error */
    void commit();

    /** Releases the writer; without a commit, removes the partial output. Never throws. */
    @Override
    void close();
}
