package org.rasteragg.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DriverLibrary} finds a library where the dynamic linker would (this machine's C library,
 * a file in an LD_LIBRARY_PATH directory, a name in a linker cache) and nowhere else.
 */
class DriverLibraryTest {

    @TempDir
    Path dir;

    @Test
    void theCLibraryOfThisMachineIsFindableAndAMadeUpOneIsNot() {
        // glibc's C library: in the linker cache or a default directory of any glibc system.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/etc/ld.so.cache")), "a glibc system");
        assertThat(DriverLibrary.findable("libc.so.6", null)).isTrue();
        assertThat(DriverLibrary.inLinkerCache("libc.so.6", Path.of("/etc/ld.so.cache"))).isTrue();
        assertThat(DriverLibrary.findable("librasteragg-no-such-library.so.1", null)).isFalse();
    }

    @Test
    void aLibraryInALdLibraryPathDirectoryIsFindable() throws IOException {
        Files.writeString(dir.resolve("librasteragg-test.so.1"), "not really a library");
        assertThat(DriverLibrary.findable("librasteragg-test.so.1", "/nonexistent:" + dir)).isTrue();
        assertThat(DriverLibrary.findable("librasteragg-test.so.1", "/nonexistent")).isFalse();
        assertThat(DriverLibrary.findable("librasteragg-test.so.1", "bad\0path:" + dir)).isTrue();
    }

    @Test
    void theDefaultDirectoriesIncludeDebiansMultiarchOnes() {
        assertThat(DriverLibrary.defaultDirectories("amd64")).contains("/usr/lib", "/lib/x86_64-linux-gnu",
                "/usr/lib/x86_64-linux-gnu");
        assertThat(DriverLibrary.defaultDirectories("aarch64")).contains("/usr/lib/aarch64-linux-gnu");
        assertThat(DriverLibrary.defaultDirectories("riscv64")).containsExactly("/lib", "/usr/lib", "/lib64", "/usr/lib64");
    }

    @Test
    void theLinkerCacheIsReadForWholeNamesOnly() throws IOException {
        // The layout of ld.so.cache's string table: each soname, then its path, NUL-terminated.
        Path cache = dir.resolve("ld.so.cache");
        Files.write(cache, ("glibc-ld.so.cache1.1\0libcuda.so.10\0/opt/x/libcuda.so.10\0libfoo.so.2\0"
                + "/usr/lib/x86_64-linux-gnu/libfoo.so.2\0").getBytes(StandardCharsets.US_ASCII));
        assertThat(DriverLibrary.inLinkerCache("libfoo.so.2", cache)).isTrue();
        assertThat(DriverLibrary.inLinkerCache("libcuda.so.10", cache)).isTrue();
        assertThat(DriverLibrary.inLinkerCache("libcuda.so.1", cache)).isFalse();
        assertThat(DriverLibrary.inLinkerCache("foo.so.2", cache)).isFalse();
        assertThat(DriverLibrary.inLinkerCache("libfoo.so.2", dir.resolve("absent"))).isFalse();
    }

    @Test
    void withoutTheDriverTheReasonNamesTheLibraryAndWhereItWasLookedFor() {
        String reason = new CudaAcceleratorProvider().unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason != null && !DriverLibrary.findable(CudaDriver.LIBRARY,
                System.getenv("LD_LIBRARY_PATH")), "a CUDA driver library is installed");
        assertThat(reason).isEqualTo("no CUDA driver library (libcuda.so.1): not found in LD_LIBRARY_PATH,"
                + " /etc/ld.so.cache and " + String.join(", ", DriverLibrary.defaultDirectories(System.getProperty("os.arch"))));
        assertThat(reason).contains("/lib, /usr/lib, /lib64, /usr/lib64");
    }
}
