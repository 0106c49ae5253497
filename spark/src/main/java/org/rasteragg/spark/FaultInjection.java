package org.rasteragg.spark;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.spark.TaskContext;

/**
 * Makes one map task fail once per job, to test Spark's retries: the first task of partition
 * {@code partition} to create {@code markerFile} either throws or, with {@code killJvm}, halts its
 * executor JVM (cluster mode only: in local mode that JVM is the driver).
 */
record FaultInjection(String markerFile, int partition, boolean killJvm) implements Serializable {
    private static final long serialVersionUID = 1L;

    void maybeFail(int taskPartition) {
        if (taskPartition != partition) {
            return;
        }
        boolean first;
        try {
            first = new File(markerFile).createNewFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (first) {
            if (killJvm) {
                Runtime.getRuntime().halt(42);
            }
            throw new IllegalStateException("injected test failure in partition " + partition + ", attempt "
                    + TaskContext.get().attemptNumber());
        }
    }
}
