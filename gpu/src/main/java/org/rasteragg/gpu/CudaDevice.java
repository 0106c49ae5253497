package org.rasteragg.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;

/**
 * Device 0 with the kernels loaded: the driver opened, cuInit called, the primary context retained
 * and the committed PTX JIT-compiled by the driver. Made once per JVM ({@link #open}); immutable
 * and thread-safe.
 */
final class CudaDevice {

    static final String PTX_RESOURCE = "rasteragg_reduce.ptx";
    static final String PTX_PROPERTY = "rasteragg.gpu.ptx";
    static final String[] KERNELS = {"reduce_uint8", "reduce_int8", "reduce_uint16", "reduce_int16"};

    final CudaDriver driver;
    final long context;
    final String name;
    final Map<String, Long> functions;

    private CudaDevice(CudaDriver driver, long context, String name, Map<String, Long> functions) {
        this.driver = driver;
        this.context = context;
        this.name = name;
        this.functions = functions;
    }

    /**
     * @throws CudaException saying why not: no driver library, cuInit failed, no device, the
     *     driver cannot JIT the PTX (too old for PTX ISA 9.0 of nvcc 13: needs R580 or newer)
     */
    static CudaDevice open() {
        CudaDriver d = CudaDriver.load();
        try (ResourceScope scope = ResourceScope.newConfinedScope()) {
            int init = d.init();
            if (init == 100) {
                throw new CudaException("no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)");
            }
            d.check(init, "cuInit");
            MemorySegment out = MemorySegment.allocateNative(8, scope);
            d.check(d.deviceCount(out), "cuDeviceGetCount");
            if (MemoryAccess.getInt(out) == 0) {
                throw new CudaException("no CUDA device (the driver found none)");
            }
            d.check(d.device(out, 0), "cuDeviceGet");
            int device = MemoryAccess.getInt(out);
            MemorySegment nameOut = MemorySegment.allocateNative(256, scope);
            d.check(d.deviceName(nameOut, device), "cuDeviceGetName");
            String name = CLinker.toJavaString(nameOut);
            d.check(d.primaryContext(out, device), "cuDevicePrimaryCtxRetain");
            long context = MemoryAccess.getLong(out);
            d.check(d.setCurrent(context), "cuCtxSetCurrent");
            byte[] ptx = ptx();
            MemorySegment image = MemorySegment.allocateNative(ptx.length + 1, scope);
            image.asSlice(0, ptx.length).copyFrom(MemorySegment.ofArray(ptx));
            MemoryAccess.setByteAtOffset(image, ptx.length, (byte) 0);
            int load = d.loadModule(out, image);
            if (load == 222) {
                throw new CudaException("the CUDA driver on this machine is too old for the kernels' PTX "
                        + "(PTX ISA 9.0 of CUDA 13 needs driver R580 or newer): cuModuleLoadData: "
                        + d.errorName(load));
            }
            d.check(load, "cuModuleLoadData (" + PTX_RESOURCE + ")");
            long module = MemoryAccess.getLong(out);
            Map<String, Long> fns = new HashMap<>();
            for (String k : KERNELS) {
                d.check(d.function(out, module, CLinker.toCString(k, scope)), "cuModuleGetFunction " + k);
                fns.put(k, MemoryAccess.getLong(out));
            }
            return new CudaDevice(d, context, name, Map.copyOf(fns));
        }
    }

    /**
     * The committed PTX (NUL terminated by {@link #open}), or the file that the system property
     * {@value #PTX_PROPERTY} names (a PTX just rebuilt with gpu/build-ptx.sh, without repackaging).
     */
    static byte[] ptx() {
        String override = System.getProperty(PTX_PROPERTY);
        if (override != null) {
            try {
                return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(override));
            } catch (IOException e) {
                throw new CudaException("cannot read the PTX that " + PTX_PROPERTY + " names: " + e.getMessage());
            }
        }
        try (InputStream in = CudaDevice.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new CudaException("the jar lacks " + PTX_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes this device's context current on the calling thread. */
    void makeCurrent() {
        driver.check(driver.setCurrent(context), "cuCtxSetCurrent");
    }
}
