package org.rasteragg.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.GpuMode;
import org.rasteragg.core.GpuUnavailableException;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;

/** How {@link Accelerators} picks a provider or the CPU for each {@link GpuMode}. */
class AcceleratorsTest {

    private static final ChunkedArray MASK = InMemoryArray.unchunked(DType.UINT16, new short[] {1, 1, 2, 2, 2, 0}, 1, 2, 3);
    private static final ChunkedArray IMAGE = InMemoryArray.unchunked(DType.UINT8, new byte[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
    private static final ChunkedArray FLOATS = InMemoryArray.unchunked(DType.FLOAT32, new float[] {1, 2, 3, 4, 5, 6}, 1, 1,
            2, 3);
    private static final Features MEAN = new Features(1, false, false);

    /** A provider whose answers are given; running it runs the CPU engine, or fails as told. */
    private record Provider(String name, String unavailable, boolean integersOnly, String failure, AtomicInteger runs)
            implements AcceleratorProvider {

        Provider(String name, String unavailable, boolean integersOnly, String failure) {
            this(name, unavailable, integersOnly, failure, new AtomicInteger());
        }

        @Override
        public String unavailableReason() {
            return unavailable;
        }

        @Override
        public String unsupportedReason(Features features, DType maskType, DType imageType) {
            return integersOnly && imageType != null && !imageType.isInteger() ? "no kernel for " + imageType.numpyName()
                    : null;
        }

        @Override
        public LabelState run(ChunkedArray mask, ChunkedArray image, Features features, EngineOptions options) {
            runs.incrementAndGet();
            if (failure != null) {
                throw new AcceleratorException(failure);
            }
            return AggregationEngine.run(mask, image, features, options);
        }
    }

    private static final EngineOptions ONE = EngineOptions.defaults().withThreads(1);

    private static double sumOfLabel2(LabelState s) {
        return s.sum(s.slotOf(2), 0);
    }

    @Test
    void autoUsesTheFirstProviderThatCanRun() {
        Provider absent = new Provider("absent", "no driver", true, null);
        Provider present = new Provider("present", null, true, null);
        List<String> notices = new ArrayList<>();
        LabelState s = Accelerators.run(GpuMode.AUTO, List.of(absent, present), MASK, IMAGE, MEAN, ONE, notices::add);
        assertThat(sumOfLabel2(s)).isEqualTo(3 + 4 + 5);
        assertThat(present.runs()).hasValue(1);
        assertThat(absent.runs()).hasValue(0);
        assertThat(notices).isEmpty();
    }

    @Test
    void autoFallsBackToTheCpuWithTheFirstReason() {
        List<String> notices = new ArrayList<>();
        LabelState s = Accelerators.run(GpuMode.AUTO, List.of(new Provider("a", "no driver", true, null)), MASK, IMAGE,
                MEAN, ONE, notices::add);
        assertThat(sumOfLabel2(s)).isEqualTo(12);
        assertThat(notices).containsExactly("rasteragg: running on the CPU: no driver");
        Accelerators.run(GpuMode.AUTO, List.of(), MASK, IMAGE, MEAN, ONE, notices::add);
        assertThat(notices).last().isEqualTo(
                "rasteragg: running on the CPU: no GPU engine is installed (module rasteragg-gpu is not on the class path)");
    }

    @Test
    void aStatisticWithoutAKernelIsNamedBeforeTheMissingDevice() {
        Accelerators.Choice c = Accelerators.choose(GpuMode.ON, List.of(new Provider("a", "no driver", true, null)), MASK,
                FLOATS, MEAN);
        assertThat(c.provider()).isNull();
        assertThat(c.reason()).isEqualTo("no kernel for float32");
    }

    @Test
    void onRefusesWithTheReasonInOneLine() {
        assertThatThrownBy(() -> Accelerators.run(GpuMode.ON, List.of(new Provider("a", "no driver", true, null)), MASK,
                IMAGE, MEAN, ONE, null)).isInstanceOf(GpuUnavailableException.class)
                .hasMessage("GPU mode on, but cannot run on a GPU: no driver");
    }

    @Test
    void aFailingAcceleratorRerunsOnTheCpuInAutoAndRefusesInOn() {
        Provider failing = new Provider("CUDA GPU", null, true, "cuMemAlloc failed: CUDA_ERROR_OUT_OF_MEMORY (2)");
        List<String> notices = new ArrayList<>();
        LabelState s = Accelerators.run(GpuMode.AUTO, List.of(failing), MASK, IMAGE, MEAN, ONE, notices::add);
        assertThat(sumOfLabel2(s)).isEqualTo(12);
        assertThat(notices).containsExactly(
                "rasteragg: running on the CPU: CUDA GPU failed: cuMemAlloc failed: CUDA_ERROR_OUT_OF_MEMORY (2)");
        assertThatThrownBy(() -> Accelerators.run(GpuMode.ON, List.of(failing), MASK, IMAGE, MEAN, ONE, null))
                .isInstanceOf(GpuUnavailableException.class)
                .hasMessage("GPU mode on, but cannot run on a GPU: CUDA GPU failed: cuMemAlloc failed: "
                        + "CUDA_ERROR_OUT_OF_MEMORY (2)");
    }

    @Test
    void offNeverAsksAProvider() {
        Provider present = new Provider("present", null, true, null);
        List<String> notices = new ArrayList<>();
        Accelerators.run(GpuMode.OFF, List.of(present), MASK, IMAGE, MEAN, ONE, notices::add);
        assertThat(present.runs()).hasValue(0);
        assertThat(notices).isEmpty();
    }

    @Test
    void gpuModesParseFromTheOptionAnyCase() {
        assertThat(GpuMode.fromOption("Auto")).isEqualTo(GpuMode.AUTO);
        assertThat(GpuMode.fromOption("off")).isEqualTo(GpuMode.OFF);
        assertThatThrownBy(() -> GpuMode.fromOption("yes")).isInstanceOf(InvalidInputException.class)
                .hasMessage("GPU mode 'yes' is not one of auto, on, off");
    }
}
