package org.rasteragg.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.job.io.ZarrInputs;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;

/**
 * --max-memory bounds the label state, the result and the writers: a bound that cannot hold them
 * is refused in one line naming the option, its value and the figure needed, before any output
 * exists, and never by running out of heap.
 */
class MaxMemoryTest {

    private static final int SIDE = 512;

    @TempDir
    Path dir;

    Path store;

    /** 512 x 512 voxels, each its own label (262,144 labels), and one uint16 channel. */
    @BeforeEach
    void writeStore() {
        store = dir.resolve("s.zarr");
        SpatialDataWriter w = SpatialDataWriter.create(store, 2, true);
        int[] labels = new int[SIDE * SIDE];
        short[] values = new short[SIDE * SIDE];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i + 1;
            values[i] = (short) (i * 31);
        }
        w.labels("cells").axes("y", "x").shape(SIDE, SIDE).chunks(64, 64).dtype(DType.INT32).create()
                .writeAll(labels);
        w.image("image").axes("c", "y", "x").shape(1, SIDE, SIDE).chunks(1, 64, 64).dtype(DType.UINT16)
                .channelNames(List.of("DAPI")).create().writeAll(values);
    }

    private JobException refusal(long maxMemory, Path csv, Path parquet) {
        StatsJob job = new StatsJob(new StatsJob.Inputs(null, null, store.toString(), "cells", "image", null), 0,
                null, Statistic.all(), null, false, new StatsJob.Outputs(csv.toString(),
                        parquet == null ? null : parquet.toString(), null, Statistic.MEAN, false), maxMemory);
        return catchThrowableOfType(() -> LocalRun.run(job, new ZarrInputs(store), 2, LocalRun.Progress.NONE,
                new StringWriter()), JobException.class);
    }

    @Test
    void aBoundBelowTheWritersBuffersIsRefusedUpFront() {
        Path csv = dir.resolve("t.csv");
        JobException e = refusal(100L << 20, csv, dir.resolve("t.parquet"));
        assertThat(e.kind()).isEqualTo(JobException.Kind.DATA);
        // Parquet's row group (128 MiB) and pages (32 MiB), CSV's chunks (4 MiB per thread, 2 threads).
        assertThat(e.getMessage()).startsWith("--max-memory 100m is too small for the outputs")
                .contains("168 MB").doesNotContain("\n");
        assertThat(csv).doesNotExist();
        assertThat(dir.resolve("t.parquet")).doesNotExist();
    }

    @Test
    void aBoundBelowTheStateAndResultIsRefusedWithTheFigureNeeded() throws Exception {
        Path csv = dir.resolve("t.csv");
        // 100 MB less 8 MB for the CSV writer less 64 MB reserved leave 28 MB: 262,144 labels need more.
        JobException e = refusal(100L << 20, csv, null);
        assertThat(e.kind()).isEqualTo(JobException.Kind.DATA);
        assertThat(e.getMessage()).startsWith("--max-memory 100m less 8 MB for the writers: ")
                .contains("a memory bound of 92 MB is too small").contains("labels so far need")
                .contains("of per-label state and result").containsPattern("all blocks need about \\d+ MB")
                .doesNotContain("\n");
        assertThat(csv).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("s.zarr");
        }
    }

    @Test
    void aBoundThatHoldsEverythingRuns() throws Exception {
        Path csv = dir.resolve("t.csv");
        StatsJob job = new StatsJob(new StatsJob.Inputs(null, null, store.toString(), "cells", "image", null), 0,
                null, EnumSet.copyOf(Statistic.all()), null, false,
                new StatsJob.Outputs(csv.toString(), null, null, Statistic.MEAN, false), 256L << 20);
        LocalRun.Outcome o = LocalRun.run(job, new ZarrInputs(store), 2, LocalRun.Progress.NONE, new StringWriter());
        assertThat(o.rows()).isEqualTo(SIDE * SIDE);
        assertThat(Files.readAllLines(csv)).hasSize(SIDE * SIDE + 1);
    }
}
