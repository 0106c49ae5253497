#!/usr/bin/env bash
# The GPU engine's check on a machine with a CUDA device, no Java and no network (the device tool's):
#   here:    gpu/prepare-device-bundle.sh          (builds .device-bundle: a jlink'ed JRE 17 and the jars)
#   device:  gpu/device-check.sh [--small]         (device tool: carry [".device-bundle"], timeout_s 540)
# It rebuilds the PTX with the machine's nvcc and compares it with the committed one, has ptxas compile
# it for the GPU present, then runs org.rasteragg.gpu.DeviceCheck on the rebuilt PTX: the CPU and GPU
# engines on synthetic data in memory (16384^2 x 8 channels uint16; a 64x1024^2 x 4 stack) and on a
# Zarr store it writes (8192^2 x 8 uint16, blosc lz4), every statistic compared, with timings.
# The log goes to $OUT/device-check.log (or /tmp). Expected output: gpu/README.md.
# Also runs here without a GPU as "gpu/device-check.sh --small --emulate" (the kernel's arithmetic in Java).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$root/.device-bundle"
log="${OUT:-/tmp}/device-check.log"
java="$bundle/jre/bin/java"
[[ -x "$java" ]] || { echo "no $java: run gpu/prepare-device-bundle.sh first and carry .device-bundle" >&2; exit 2; }
exec > >(tee "$log") 2>&1
start=$(date +%s)
echo "== machine"
(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi: none") 2>&1
nproc
echo "== PTX"
committed="$root/gpu/src/main/resources/org/rasteragg/gpu/rasteragg_reduce.ptx"
ptx="$committed"
if command -v nvcc >/dev/null || [[ -x /usr/local/cuda/bin/nvcc ]]; then
  nvcc="$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)"
  "$nvcc" --version | tail -1
  work="$(mktemp -d)"
  cp -r "$root/gpu/src" "$root/gpu/build-ptx.sh" "$work/"
  "$work/build-ptx.sh" "$nvcc" >/dev/null
  ptx="$work/src/main/resources/org/rasteragg/gpu/rasteragg_reduce.ptx"
  if cmp -s <(grep -v 'Build ID\|Cuda compilation tools\|Based on NVVM' "$committed") \
            <(grep -v 'Build ID\|Cuda compilation tools\|Based on NVVM' "$ptx"); then
    echo "rebuilt PTX: identical to the committed one"
  else
    echo "rebuilt PTX: DIFFERS from the committed one (another nvcc?); running the rebuilt one"
  fi
  arch=$( (nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null || true) | head -1 | tr -d .)
  ptxas="$(dirname "$nvcc")/ptxas"
  if [[ -n "$arch" && -x "$ptxas" ]]; then
    "$ptxas" -arch="sm_$arch" -v -o /dev/null "$ptx" 2>&1 | grep -E "reduce_uint16|registers" | head -4
  fi
else
  echo "no nvcc: running the committed PTX"
fi
echo "== engines"
set +e
"$java" -Xmx${RASTERAGG_CHECK_HEAP:-80g} -XX:+UseParallelGC --add-modules jdk.incubator.vector,jdk.incubator.foreign \
  --enable-native-access=ALL-UNNAMED -Drasteragg.gpu.ptx="$ptx" -cp "$bundle/lib/*" \
  org.rasteragg.gpu.DeviceCheck "$@" /tmp/rasteragg-device-check.zarr
status=$?
echo "== done in $(( $(date +%s) - start )) s, status $status"
exit $status
