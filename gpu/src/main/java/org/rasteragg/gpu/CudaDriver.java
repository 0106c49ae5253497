package org.rasteragg.gpu;

import static jdk.incubator.foreign.CLinker.C_INT;
import static jdk.incubator.foreign.CLinker.C_LONG_LONG;
import static jdk.incubator.foreign.CLinker.C_POINTER;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemoryLayout;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;

/**
 * The few CUDA driver API functions the engine calls, bound with the JDK 17 foreign function API
 * to {@code libcuda.so.1}, the library every NVIDIA driver installs: no CUDA toolkit, no JNI. The
 * library is opened with {@code dlopen}, so a machine without a driver gets a
 * {@link CudaException} naming the library, never an UnsatisfiedLinkError or a crash.
 *
 * <p>Handles (contexts, modules, streams, ...) are raw addresses as {@code long}; device
 * pointers are {@code long}. Thread-safe (the handles are); CUDA calls need the context current
 * on the calling thread ({@link #setCurrent}).
 */
final class CudaDriver {

    /** The driver library's soname (libcuda.so is only a development symlink). */
    static final String LIBRARY = "libcuda.so.1";
    private static final int RTLD_NOW = 2;

    private final MethodHandle cuInit;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDeviceGetName;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuModuleLoadData;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuMemGetInfo;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemHostAlloc;
    private final MethodHandle cuMemFreeHost;
    private final MethodHandle cuMemsetD32;
    private final MethodHandle cuMemcpyHtoDAsync;
    private final MethodHandle cuMemcpyDtoH;
    private final MethodHandle cuMemcpyDtoD;
    private final MethodHandle cuStreamCreate;
    private final MethodHandle cuStreamDestroy;
    private final MethodHandle cuEventCreate;
    private final MethodHandle cuEventRecord;
    private final MethodHandle cuEventSynchronize;
    private final MethodHandle cuEventElapsedTime;
    private final MethodHandle cuEventDestroy;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuGetErrorName;

    private CudaDriver(long library) {
        cuInit = bind(library, "cuInit", C_INT);
        cuDeviceGetCount = bind(library, "cuDeviceGetCount", C_POINTER);
        cuDeviceGet = bind(library, "cuDeviceGet", C_POINTER, C_INT);
        cuDeviceGetName = bind(library, "cuDeviceGetName", C_POINTER, C_INT, C_INT);
        cuDevicePrimaryCtxRetain = bind(library, "cuDevicePrimaryCtxRetain", C_POINTER, C_INT);
        cuCtxSetCurrent = bind(library, "cuCtxSetCurrent", C_LONG_LONG);
        cuCtxSynchronize = bind(library, "cuCtxSynchronize");
        cuModuleLoadData = bind(library, "cuModuleLoadData", C_POINTER, C_POINTER);
        cuModuleGetFunction = bind(library, "cuModuleGetFunction", C_POINTER, C_LONG_LONG, C_POINTER);
        cuMemGetInfo = bind(library, "cuMemGetInfo_v2", C_POINTER, C_POINTER);
        cuMemAlloc = bind(library, "cuMemAlloc_v2", C_POINTER, C_LONG_LONG);
        cuMemFree = bind(library, "cuMemFree_v2", C_LONG_LONG);
        cuMemHostAlloc = bind(library, "cuMemHostAlloc", C_POINTER, C_LONG_LONG, C_INT);
        cuMemFreeHost = bind(library, "cuMemFreeHost", C_LONG_LONG);
        cuMemsetD32 = bind(library, "cuMemsetD32_v2", C_LONG_LONG, C_INT, C_LONG_LONG);
        cuMemcpyHtoDAsync = bind(library, "cuMemcpyHtoDAsync_v2", C_LONG_LONG, C_LONG_LONG, C_LONG_LONG,
                C_LONG_LONG);
        cuMemcpyDtoH = bind(library, "cuMemcpyDtoH_v2", C_LONG_LONG, C_LONG_LONG, C_LONG_LONG);
        cuMemcpyDtoD = bind(library, "cuMemcpyDtoD_v2", C_LONG_LONG, C_LONG_LONG, C_LONG_LONG);
        cuStreamCreate = bind(library, "cuStreamCreate", C_POINTER, C_INT);
        cuStreamDestroy = bind(library, "cuStreamDestroy_v2", C_LONG_LONG);
        cuEventCreate = bind(library, "cuEventCreate", C_POINTER, C_INT);
        cuEventRecord = bind(library, "cuEventRecord", C_LONG_LONG, C_LONG_LONG);
        cuEventSynchronize = bind(library, "cuEventSynchronize", C_LONG_LONG);
        cuEventElapsedTime = bind(library, "cuEventElapsedTime", C_POINTER, C_LONG_LONG, C_LONG_LONG);
        cuEventDestroy = bind(library, "cuEventDestroy_v2", C_LONG_LONG);
        cuLaunchKernel = bind(library, "cuLaunchKernel", C_LONG_LONG, C_INT, C_INT, C_INT, C_INT, C_INT, C_INT, C_INT,
                C_LONG_LONG, C_POINTER, C_POINTER);
        cuGetErrorName = bind(library, "cuGetErrorName", C_INT, C_POINTER);
    }

    /**
     * Opens the driver library and binds its functions (it does not call cuInit).
     *
     * @throws CudaException naming the library and dlopen's reason when it cannot be opened
     */
    static CudaDriver load() {
        CLinker linker = CLinker.getInstance();
        MethodHandle dlopen = linker.downcallHandle(libc("dlopen"),
                MethodType.methodType(MemoryAddress.class, MemoryAddress.class, int.class),
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT));
        // Bound before dlopen: binding may itself look up symbols, which clears dlerror's message.
        MethodHandle dlerror = linker.downcallHandle(libc("dlerror"), MethodType.methodType(MemoryAddress.class),
                FunctionDescriptor.of(C_POINTER));
        try (ResourceScope scope = ResourceScope.newConfinedScope()) {
            MemoryAddress handle = (MemoryAddress) dlopen.invokeExact(CLinker.toCString(LIBRARY, scope).address(),
                    RTLD_NOW);
            if (handle.equals(MemoryAddress.NULL)) {
                throw new CudaException("no CUDA driver library (" + LIBRARY + "): " + dlerror(dlerror));
            }
            return new CudaDriver(handle.toRawLongValue());
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("cannot open the CUDA driver library " + LIBRARY + ": " + t);
        }
    }

    private static MemoryAddress libc(String name) {
        return CLinker.systemLookup().lookup(name)
                .orElseThrow(() -> new CudaException("the C library has no " + name + " (needed to open " + LIBRARY + ")"));
    }

    private static String dlerror(MethodHandle dlerror) {
        try {
            MemoryAddress message = (MemoryAddress) dlerror.invokeExact();
            return message.equals(MemoryAddress.NULL) ? "not found" : CLinker.toJavaString(message);
        } catch (Throwable t) {
            return "not found";
        }
    }

    /** A handle to {@code name} in the library, returning a CUresult (int); arguments as laid out. */
    private static MethodHandle bind(long library, String name, MemoryLayout... args) {
        MethodHandle dlsym = CLinker.getInstance().downcallHandle(libc("dlsym"),
                MethodType.methodType(MemoryAddress.class, MemoryAddress.class, MemoryAddress.class),
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
        MemoryAddress symbol;
        try (ResourceScope scope = ResourceScope.newConfinedScope()) {
            symbol = (MemoryAddress) dlsym.invokeExact(MemoryAddress.ofLong(library),
                    CLinker.toCString(name, scope).address());
        } catch (Throwable t) {
            throw new CudaException("cannot look up " + name + " in " + LIBRARY + ": " + t);
        }
        if (symbol.equals(MemoryAddress.NULL)) {
            throw new CudaException(LIBRARY + " has no " + name + " (the driver is too old)");
        }
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] == C_INT ? int.class : args[i] == C_POINTER ? MemoryAddress.class : long.class;
        }
        return CLinker.getInstance().downcallHandle(symbol, MethodType.methodType(int.class, types),
                FunctionDescriptor.of(C_INT, args));
    }

    /** Throws a CudaException naming {@code what} and the error unless {@code result} is CUDA_SUCCESS. */
    void check(int result, String what) {
        if (result != 0) {
            throw new CudaException(what + " failed: " + errorName(result) + " (" + result + ")");
        }
    }

    String errorName(int result) {
        try (ResourceScope scope = ResourceScope.newConfinedScope()) {
            MemorySegment out = MemorySegment.allocateNative(8, scope);
            int r = (int) cuGetErrorName.invokeExact(result, out.address());
            return r == 0 ? CLinker.toJavaString(MemoryAccess.getAddress(out)) : "CUDA error";
        } catch (Throwable t) {
            return "CUDA error";
        }
    }

    // --- The calls, each returning a CUresult; out-parameters are 8-byte native segments. ---

    int init() {
        return call(() -> (int) cuInit.invokeExact(0));
    }

    int deviceCount(MemorySegment out) {
        return call(() -> (int) cuDeviceGetCount.invokeExact(out.address()));
    }

    int device(MemorySegment out, int ordinal) {
        return call(() -> (int) cuDeviceGet.invokeExact(out.address(), ordinal));
    }

    int deviceName(MemorySegment out, int device) {
        return call(() -> (int) cuDeviceGetName.invokeExact(out.address(), (int) out.byteSize(), device));
    }

    int primaryContext(MemorySegment out, int device) {
        return call(() -> (int) cuDevicePrimaryCtxRetain.invokeExact(out.address(), device));
    }

    int setCurrent(long context) {
        return call(() -> (int) cuCtxSetCurrent.invokeExact(context));
    }

    int synchronize() {
        return call(() -> (int) cuCtxSynchronize.invokeExact());
    }

    int loadModule(MemorySegment out, MemorySegment image) {
        return call(() -> (int) cuModuleLoadData.invokeExact(out.address(), image.address()));
    }

    int function(MemorySegment out, long module, MemorySegment name) {
        return call(() -> (int) cuModuleGetFunction.invokeExact(out.address(), module, name.address()));
    }

    int memInfo(MemorySegment free, MemorySegment total) {
        return call(() -> (int) cuMemGetInfo.invokeExact(free.address(), total.address()));
    }

    int alloc(MemorySegment out, long bytes) {
        return call(() -> (int) cuMemAlloc.invokeExact(out.address(), bytes));
    }

    int free(long pointer) {
        return call(() -> (int) cuMemFree.invokeExact(pointer));
    }

    /** Page-locked host memory (flags 0), what asynchronous copies need to overlap kernels. */
    int hostAlloc(MemorySegment out, long bytes) {
        return call(() -> (int) cuMemHostAlloc.invokeExact(out.address(), bytes, 0));
    }

    int freeHost(long pointer) {
        return call(() -> (int) cuMemFreeHost.invokeExact(pointer));
    }

    int memset32(long pointer, int value, long count) {
        return call(() -> (int) cuMemsetD32.invokeExact(pointer, value, count));
    }

    int copyToDeviceAsync(long device, long host, long bytes, long stream) {
        return call(() -> (int) cuMemcpyHtoDAsync.invokeExact(device, host, bytes, stream));
    }

    int copyToHost(long host, long device, long bytes) {
        return call(() -> (int) cuMemcpyDtoH.invokeExact(host, device, bytes));
    }

    int copyOnDevice(long to, long from, long bytes) {
        return call(() -> (int) cuMemcpyDtoD.invokeExact(to, from, bytes));
    }

    /** A non-blocking stream (flag 1): it does not synchronise with the legacy default stream. */
    int streamCreate(MemorySegment out) {
        return call(() -> (int) cuStreamCreate.invokeExact(out.address(), 1));
    }

    int streamDestroy(long stream) {
        return call(() -> (int) cuStreamDestroy.invokeExact(stream));
    }

    int eventCreate(MemorySegment out) {
        return call(() -> (int) cuEventCreate.invokeExact(out.address(), 0));
    }

    int eventRecord(long event, long stream) {
        return call(() -> (int) cuEventRecord.invokeExact(event, stream));
    }

    int eventSynchronize(long event) {
        return call(() -> (int) cuEventSynchronize.invokeExact(event));
    }

    int elapsed(MemorySegment millis, long start, long end) {
        return call(() -> (int) cuEventElapsedTime.invokeExact(millis.address(), start, end));
    }

    int eventDestroy(long event) {
        return call(() -> (int) cuEventDestroy.invokeExact(event));
    }

    int launch(long function, int gridX, int blockX, long stream, MemorySegment params) {
        return call(() -> (int) cuLaunchKernel.invokeExact(function, gridX, 1, 1, blockX, 1, 1, 0, stream,
                params.address(), MemoryAddress.NULL));
    }

    @FunctionalInterface
    private interface Call {
        int invoke() throws Throwable;
    }

    private static int call(Call c) {
        try {
            return c.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("CUDA driver call failed: " + t);
        }
    }
}
