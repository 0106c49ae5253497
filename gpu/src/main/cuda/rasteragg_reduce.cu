// Per-label power sums of integer images, for rasteragg's CUDA engine (org.rasteragg.gpu).
//
// Built to PTX by gpu/build-ptx.sh (compute_75, the oldest virtual architecture nvcc 13 keeps:
// every current datacenter GPU JIT-compiles it); the PTX is committed as a resource and loaded
// with the driver API (cuModuleLoadData), so no CUDA toolkit is needed at run time.
//
// One launch reduces one block of the plan. The host has already mapped every voxel's label to a
// block-local slot (slots[]) and every local slot to a dense global slot (localToGlobal[]), and
// gathered the block's image values channel-major (values[c * voxels + i]).
//
// Each thread walks VOXELS_PER_THREAD consecutive voxels (cuCIM's regionprops design): a run of
// voxels of one slot is summed in registers and flushed with one global atomic per run and
// accumulator, so a cell row costs a handful of atomics instead of one per voxel.
//
// Accumulators, per global slot g and channel c (all integers, so the order of the atomics does
// not matter and the result is exact and deterministic):
//   counts[g]                                   voxel count (uint64)
//   coords[3 g + a]                             sum of the z, y, x coordinates (uint64)
//   sums[((g C + c) K + (k - 1)) 2 + {0, 1}]    sum of v^k, k = 1..K, as a 128-bit two's
//                                               complement integer (low word, high word)
//   mins[g C + c], maxs[g C + c]                min and max (int32)
// K is 0, 1, 2 or 4. For 16-bit values v^4 < 2^64, and a sum of 2^40 voxels of them stays below
// 2^104, so 128 bits never overflow; the host turns the sums into moments exactly.
//
// Keep org.rasteragg.gpu.KernelEmulation in step with this file: it is the same arithmetic in
// Java, which the tests run where there is no GPU.

#define VOXELS_PER_THREAD 16
#define FLAG_CENTER 1
#define FLAG_MIN_MAX 2

typedef unsigned long long u64;

// Adds the 128-bit integer (lo, hi) to the one at p[0] (low word), p[1] (high word). The carry out
// of the low word is exact: atomicAdd returns the value just before this addition, and the
// addition wraps exactly when old + lo < old.
__device__ __forceinline__ void atomicAdd128(u64* p, u64 lo, u64 hi) {
    u64 old = atomicAdd(p, lo);
    u64 high = hi + (old + lo < old ? 1ull : 0ull);
    if (high != 0ull) {
        atomicAdd(p + 1, high);
    }
}

__device__ __forceinline__ void add128(u64& lo, u64& hi, u64 termLo, u64 termHi) {
    u64 s = lo + termLo;
    hi += termHi + (s < lo ? 1ull : 0ull);
    lo = s;
}

// Multiplies the power (a 64-bit integer) by v and gives it as a 128-bit two's complement term. For
// 8- and 16-bit values v^4 fits 64 bits (unsigned: 65535^4 < 2^64; signed: 32768^4 = 2^60).
template <bool SIGNED>
__device__ __forceinline__ void nextPower(u64& power, int v, u64& termLo, u64& termHi) {
    if (SIGNED) {
        long long p = (long long) power * v;
        power = (u64) p;
        termLo = (u64) p;
        termHi = p < 0 ? ~0ull : 0ull;
    } else {
        power *= (u64) (unsigned int) v;
        termLo = power;
        termHi = 0ull;
    }
}

template <typename T, bool SIGNED>
__device__ void reduceBlock(const int* __restrict__ slots, const int* __restrict__ localToGlobal,
        const T* __restrict__ values, int voxels, int channels, int ey, int ex, long long oz, long long oy,
        long long ox, int powers, int flags, u64* counts, u64* coords, u64* sums, int* mins, int* maxs) {
    long long thread = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    long long first = thread * VOXELS_PER_THREAD;
    if (first >= voxels) {
        return;
    }
    int end = (int) min((long long) voxels, first + VOXELS_PER_THREAD);
    int i = (int) first;
    while (i < end) {
        int local = slots[i];
        int j = i + 1;
        while (j < end && slots[j] == local) {
            j++;
        }
        long long g = localToGlobal[local];
        atomicAdd(&counts[g], (u64) (j - i));
        if (flags & FLAG_CENTER) {
            u64 sz = 0, sy = 0, sx = 0;
            for (int k = i; k < j; k++) {
                int row = k / ex;
                sx += (u64) (ox + (k - row * ex));
                sy += (u64) (oy + row % ey);
                sz += (u64) (oz + row / ey);
            }
            atomicAdd(&coords[3 * g], sz);
            atomicAdd(&coords[3 * g + 1], sy);
            atomicAdd(&coords[3 * g + 2], sx);
        }
        for (int c = 0; c < channels; c++) {
            const T* v = values + (long long) c * voxels;
            u64 lo[4] = {0ull, 0ull, 0ull, 0ull};
            u64 hi[4] = {0ull, 0ull, 0ull, 0ull};
            int least = 0x7fffffff;
            int most = (int) 0x80000000;
            for (int k = i; k < j; k++) {
                int x = (int) v[k];
                least = min(least, x);
                most = max(most, x);
                u64 power = 1ull;
                // Unrolled with a guard, so that lo[] and hi[] stay in registers (a loop bounded by
                // powers alone indexes them dynamically, which puts them in local memory).
#pragma unroll
                for (int p = 0; p < 4; p++) {
                    if (p < powers) {
                        u64 tl, th;
                        nextPower<SIGNED>(power, x, tl, th);
                        add128(lo[p], hi[p], tl, th);
                    }
                }
            }
            long long at = g * channels + c;
#pragma unroll
            for (int p = 0; p < 4; p++) {
                if (p < powers) {
                    atomicAdd128(&sums[(at * powers + p) * 2], lo[p], hi[p]);
                }
            }
            if (flags & FLAG_MIN_MAX) {
                atomicMin(&mins[at], least);
                atomicMax(&maxs[at], most);
            }
        }
        i = j;
    }
}

#define REDUCE_ENTRY(NAME, T, SIGNED)                                                                       \
    extern "C" __global__ void NAME(const int* slots, const int* localToGlobal, const T* values, int voxels, \
            int channels, int ey, int ex, long long oz, long long oy, long long ox, int powers, int flags,      \
            u64* counts, u64* coords, u64* sums, int* mins, int* maxs) {                                      \
        reduceBlock<T, SIGNED>(slots, localToGlobal, values, voxels, channels, ey, ex, oz, oy, ox, powers,    \
                flags, counts, coords, sums, mins, maxs);                                                     \
    }

REDUCE_ENTRY(reduce_uint8, unsigned char, false)
REDUCE_ENTRY(reduce_int8, signed char, true)
REDUCE_ENTRY(reduce_uint16, unsigned short, false)
REDUCE_ENTRY(reduce_int16, short, true)
