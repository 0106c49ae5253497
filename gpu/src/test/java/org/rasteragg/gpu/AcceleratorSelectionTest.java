package org.rasteragg.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.GpuMode;
import org.rasteragg.core.GpuUnavailableException;
import org.rasteragg.core.RasterAggregator;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.engine.Accelerators;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.table.StatTable;

/**
 * The SPI wiring on a machine without a GPU: ServiceLoader finds the CUDA provider, it reports
 * the missing driver without crashing, AUTO falls back to the CPU with one notice, ON refuses
 * with the reason, OFF says nothing.
 */
class AcceleratorSelectionTest {

    private static final ChunkedArray MASK = InMemoryArray.unchunked(DType.UINT32, new int[] {0, 1, 1, 2, 2, 2}, 1, 2, 3);
    private static final ChunkedArray IMAGE = InMemoryArray.unchunked(DType.UINT16,
            new short[] {5, 6, 7, 8, 9, 10}, 1, 1, 2, 3);

    @Test
    void serviceLoaderFindsTheCudaProvider() {
        assertThat(Accelerators.installed()).hasAtLeastOneElementOfType(CudaAcceleratorProvider.class);
    }

    @Test
    void withoutADriverTheProviderSaysWhichLibraryIsMissing() {
        String reason = new CudaAcceleratorProvider().unavailableReason();
        assumeTrue(reason != null, "a CUDA device is present");
        assertThat(reason).contains("libcuda.so.1").doesNotContain("\n");
    }

    @Test
    void floatImagesHaveNoKernelAndSaySo() {
        CudaAcceleratorProvider p = new CudaAcceleratorProvider();
        assertThat(p.unsupportedReason(new Features(4, true, true), DType.UINT32, DType.FLOAT32))
                .isEqualTo("image dtype float32 has no GPU kernel (the GPU engine takes uint8, int8, uint16 and int16 images)");
        assertThat(p.unsupportedReason(new Features(4, true, true), DType.UINT32, DType.UINT16)).isNull();
        assertThat(p.unsupportedReason(new Features(0, false, true), DType.INT64, null)).isNull();
    }

    @Test
    void autoFallsBackToTheCpuWithOneNotice() {
        assumeTrue(new CudaAcceleratorProvider().unavailableReason() != null, "a CUDA device is present");
        List<String> notices = new ArrayList<>();
        RasterAggregator agg = RasterAggregator.builder().mask(MASK).image(IMAGE).gpu(GpuMode.AUTO)
                .gpuNotice(notices::add).build();
        StatTable sum = agg.aggregateSum();
        assertThat(sum.doubles("0")).containsExactly(5, 13, 27);
        assertThat(notices).singleElement().asString().startsWith("rasteragg: running on the CPU: no CUDA driver library (libcuda.so.1)");
    }

    @Test
    void onRefusesWithTheReason() {
        assumeTrue(new CudaAcceleratorProvider().unavailableReason() != null, "a CUDA device is present");
        RasterAggregator agg = RasterAggregator.builder().mask(MASK).image(IMAGE).gpu(GpuMode.ON).build();
        assertThatThrownBy(agg::aggregateSum).isInstanceOf(GpuUnavailableException.class)
                .hasMessageStartingWith("GPU mode on, but cannot run on a GPU: no CUDA driver library (libcuda.so.1)");
    }

    @Test
    void onRefusesAFloatImageEvenBeforeLookingForADevice() {
        ChunkedArray floats = InMemoryArray.unchunked(DType.FLOAT32, new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
        RasterAggregator agg = RasterAggregator.builder().mask(MASK).image(floats).gpu(GpuMode.ON).build();
        assertThatThrownBy(agg::aggregateMean).isInstanceOf(GpuUnavailableException.class)
                .hasMessageContaining("has no GPU kernel").hasMessageNotContaining("\n");
    }

    @Test
    void offAndRunOnGpuFalseSayNothing() {
        List<String> notices = new ArrayList<>();
        RasterAggregator agg = RasterAggregator.builder().mask(MASK).image(IMAGE).runOnGpu(false)
                .gpuNotice(notices::add).build();
        assertThat(agg.aggregateMean().doubles("0")).containsExactly(5, 6.5, 9);
        assertThat(notices).isEmpty();
    }
}
