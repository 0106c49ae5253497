#!/usr/bin/env bash
# Rebuilds the committed PTX from the CUDA source where nvcc exists (CUDA 12 or 13):
#   gpu/build-ptx.sh [nvcc]
# The PTX's first line records the source's SHA-256; PtxFreshnessTest fails when they differ.
# compute_75 is the oldest virtual architecture nvcc 13 keeps; the driver JIT-compiles it for
# every newer GPU (T4, A100, H100/H200, B200).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nvcc="${1:-nvcc}"
src="$here/src/main/cuda/rasteragg_reduce.cu"
out="$here/src/main/resources/org/rasteragg/gpu/rasteragg_reduce.ptx"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$nvcc" -arch=compute_75 -ptx -O3 -o "$tmp/k.ptx" "$src"
sha=$(sha256sum "$src" | cut -d' ' -f1)
{ echo "// rasteragg-source-sha256: $sha"; cat "$tmp/k.ptx"; } > "$out"
echo "wrote $out (source sha256 $sha)"
