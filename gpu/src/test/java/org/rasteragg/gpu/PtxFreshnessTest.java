package org.rasteragg.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The committed PTX was built from the committed CUDA source (rebuild with gpu/build-ptx.sh). */
class PtxFreshnessTest {

    @Test
    void ptxHeaderNamesTheSourceHash() throws Exception {
        byte[] source = Files.readAllBytes(Path.of("src/main/cuda/rasteragg_reduce.cu"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source));
        String ptx = new String(CudaDevice.ptx(), StandardCharsets.US_ASCII);
        String firstLine = ptx.substring(0, ptx.indexOf('\n'));
        assertThat(firstLine).as("src/main/cuda/rasteragg_reduce.cu changed: run gpu/build-ptx.sh and commit the PTX")
                .isEqualTo("// rasteragg-source-sha256: " + sha);
    }

    @Test
    void ptxTargetsCompute75AndHoldsEveryKernel() {
        String ptx = new String(CudaDevice.ptx(), StandardCharsets.US_ASCII);
        assertThat(ptx).contains(".target sm_75");
        for (String k : CudaDevice.KERNELS) {
            assertThat(ptx).contains(".visible .entry " + k + "(");
        }
    }

    /** KernelEmulation mirrors the source's VOXELS_PER_THREAD (the launch geometry uses it). */
    @Test
    void emulationWalksAsManyVoxelsPerThreadAsTheKernel() throws Exception {
        String source = Files.readString(Path.of("src/main/cuda/rasteragg_reduce.cu"));
        assertThat(source).contains("#define VOXELS_PER_THREAD " + KernelEmulation.VOXELS_PER_THREAD + "\n");
    }
}
