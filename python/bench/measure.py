"""Times rasteragg's Python package on the bench's 4096^2 x 4 channel uint16 store, in one Python
process, against the `rasteragg stats` command and against a stand-in for harpy's RasterAggregator.

    /usr/bin/python3 python/bench/measure.py [--size 4096] [--repeats 3] [--threads N]

The store is the bench's dataset (seeded SyntheticTissue, about one cell per 180 voxels, chunks of
1024 x 1024, blosc-lz4 with byte shuffle) written once by zarr-python under rasteragg-bench-data/.
It is read with dask.array.from_zarr as harpy's users do (a z axis added by indexing).

harpy itself is not installed here (no package index), so "harpy stand-in" is harpy's documented
algorithm written with dask and numpy: labels from da.unique at construction; for every chunk a
float32 (labels x channels) partial from np.bincount, summed over chunks; the moments about the
label means in a second pass; min and max per chunk by sorting; each method its own read. It is a
stand-in, not harpy's code.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dask
import dask.array as da
import numpy as np

REPO = Path(__file__).resolve().parents[2]


def make_store(size: int) -> Path:
    """The bench's 2D dataset of size x size as a Zarr v2 store written by zarr-python (once)."""
    import zarr
    from numcodecs import Blosc

    import rasteragg._jvm as jvm

    root = REPO / "rasteragg-bench-data" / f"py-2d-{size}.zarr"
    marker = root / ".complete"
    if marker.exists():
        return root
    jp = jvm.ensure_started()
    chunk = min(1024, size)
    tissue = jp.JClass("org.rasteragg.core.synthetic.SyntheticTissue")(
        jp.JArray(jp.JLong)([1, size, size]), 180.0, 4, 20261125)
    labels = tissue.labels(jp.JArray(jp.JInt)([1, chunk, chunk]))
    image = tissue.image(jp.JArray(jp.JInt)([1, 1, chunk, chunk]))
    group = zarr.open_group(str(root), mode="w")
    lz4 = Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE)
    zl = group.create_dataset("labels/cells/0", shape=(size, size), chunks=(chunk, chunk),
                              dtype=str(labels.dtype().numpyName()), compressor=lz4)
    zi = group.create_dataset("images/image/0", shape=(4, size, size), chunks=(1, chunk, chunk), dtype="uint16",
                              compressor=lz4)
    n = size // chunk
    for y in range(n):
        for x in range(n):
            buf = labels.dtype().allocate(chunk * chunk)
            labels.readChunk(jp.JArray(jp.JLong)([0, y, x]), buf)
            zl[y * chunk:(y + 1) * chunk, x * chunk:(x + 1) * chunk] = np.asarray(buf).reshape(chunk, chunk)
            for c in range(4):
                buf = image.dtype().allocate(chunk * chunk)
                image.readChunk(jp.JArray(jp.JLong)([c, 0, y, x]), buf)
                zi[c, y * chunk:(y + 1) * chunk, x * chunk:(x + 1) * chunk] = \
                    np.asarray(buf).view(np.uint16).reshape(chunk, chunk)
    marker.write_text("seed 20261125\n")
    return root


# ---------------------------------------------------------------- harpy stand-in

class HarpyStandIn:
    """harpy's RasterAggregator algorithm as its documentation describes it (see the module doc)."""

    def __init__(self, mask, image):
        self._mask, self._image = mask, image
        self._labels = da.unique(mask).compute()

    def _over_chunks(self, fn, combine=np.add):
        """combine.reduce over chunks of fn(label rows, channel values, chunk origin) -> (i, k) partials."""
        labels, i = self._labels, len(self._labels)
        image_blocks = None if self._image is None else self._image.to_delayed()

        @dask.delayed
        def one(m, origin, *channels):
            return fn(np.searchsorted(labels, m.ravel()), [c.ravel() for c in channels], i, m.shape, origin)

        parts = []
        for k, m in enumerate(self._mask.to_delayed().ravel()):
            z, y, x = np.unravel_index(k, self._mask.numblocks)
            origin = (z * self._mask.chunksize[0], y * self._mask.chunksize[1], x * self._mask.chunksize[2])
            chans = [] if image_blocks is None else [image_blocks[c, z, y, x] for c in range(image_blocks.shape[0])]
            parts.append(one(m, origin, *chans))
        return dask.delayed(lambda ps: combine.reduce(np.stack(ps), axis=0))(parts).compute()

    def aggregate_stats(self):
        def count_sum(rows, chans, i, shape, origin):
            out = np.empty((i, len(chans) + 1), np.float32)
            out[:, 0] = np.bincount(rows, minlength=i)
            for c, ch in enumerate(chans):
                out[:, c + 1] = np.bincount(rows, ch, minlength=i)
            return out

        r = self._over_chunks(count_sum)
        n, s = r[:, 0], r[:, 1:]
        mean = (s / n[:, None]).astype(np.float32)

        def central(rows, chans, i, shape, origin):
            out = np.empty((i, 3 * len(chans)), np.float32)
            for c, ch in enumerate(chans):
                d = ch.astype(np.float32) - mean[rows, c]
                for k in range(3):
                    out[:, 3 * c + k] = np.bincount(rows, d ** (k + 2), minlength=i)
            return out

        m = self._over_chunks(central).reshape(len(n), -1, 3) / n[:, None, None]
        var = m[:, :, 0]
        with np.errstate(divide="ignore", invalid="ignore"):
            skew = np.nan_to_num(m[:, :, 1] / var ** 1.5)
            kurt = np.nan_to_num(m[:, :, 2] / var ** 2 - 3)
        return s, mean, n, var, kurt, skew

    def _extreme(self, reduce, combine):
        def fn(rows, chans, i, shape, origin):
            order = np.argsort(rows, kind="stable")
            r = rows[order]
            starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
            out = np.full((i, len(chans)), np.nan, np.float32)
            for c, ch in enumerate(chans):
                out[r[starts], c] = reduce.reduceat(ch[order], starts)
            return out

        return self._over_chunks(fn, combine)

    def aggregate_min(self):
        return self._extreme(np.minimum, np.fmin)

    def aggregate_max(self):
        return self._extreme(np.maximum, np.fmax)

    def center_of_mass(self):
        def fn(rows, chans, i, shape, origin):
            coords = np.indices(shape).reshape(3, -1)
            out = np.empty((i, 4), np.float64)
            out[:, 0] = np.bincount(rows, minlength=i)
            for a in range(3):
                out[:, a + 1] = np.bincount(rows, coords[a] + origin[a], minlength=i)
            return out

        r = self._over_chunks(fn)
        return r[:, 1:] / r[:, :1]


# ---------------------------------------------------------------- timing

def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def harpy_methods(agg):
    """What the issue times: all six stats, min, max and center of mass, harpy's way (four calls)."""
    agg.aggregate_stats()
    agg.aggregate_min()
    agg.aggregate_max()
    agg.center_of_mass()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=4096)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--skip-harpy", action="store_true", help="leave out the harpy stand-in (slow)")
    args = ap.parse_args()

    import logging

    import rasteragg

    logging.getLogger("rasteragg").setLevel(logging.ERROR)  # constant cells' skew warnings, once per call
    root = make_store(args.size)
    labels_path, image_path = root / "labels" / "cells" / "0", root / "images" / "image" / "0"
    mask = da.from_zarr(str(labels_path))[None]
    image = da.from_zarr(str(image_path))[:, None]
    ours = rasteragg.RasterAggregator(mask, image, threads=args.threads)
    assert ours.reads_zarr_directly
    # the same data through dask: every chunk computed by dask and handed over from Python
    via_dask = rasteragg.RasterAggregator(mask.map_blocks(lambda b: b), image.map_blocks(lambda b: b),
                                          threads=args.threads)
    assert not via_dask.reads_zarr_directly
    csv = Path(tempfile.mkdtemp()) / "stats.csv"
    jar = Path(rasteragg._jvm.jar_path())
    command = ["java", "--add-modules=jdk.incubator.vector", "-jar", str(jar), "stats", "--labels", str(labels_path),
               "--image", str(image_path), "--csv", str(csv), "-q", "--threads", str(args.threads)]

    runs = {
        "ours aggregate_all (engine reads Zarr)": lambda: ours.aggregate_all(),
        "ours harpy methods (engine reads Zarr)": lambda: harpy_methods(ours),
        "ours aggregate_all (chunks from dask)": lambda: via_dask.aggregate_all(),
        "rasteragg stats command (new JVM, CSV)": lambda: subprocess.run(command, check=True,
                                                                          stderr=subprocess.DEVNULL),
        "rasteragg stats in-process (warm JVM)": lambda: rasteragg.sdata.run_command(command[4:]),
    }
    for fn in runs.values():  # warm-up
        fn()
    times = {k: [] for k in runs}
    for _ in range(args.repeats):  # in turn, so drift of a shared machine hits all alike
        for k, fn in runs.items():
            times[k].append(timed(fn))
    if not args.skip_harpy:
        t = time.perf_counter()
        standin = HarpyStandIn(mask, image)
        init = time.perf_counter() - t
        times["harpy stand-in: 6 stats, min, max, com (+ unique)"] = [init + timed(lambda: harpy_methods(standin))]
        # the stand-in computes the same statistics (at float32 precision)
        np.testing.assert_allclose(standin.aggregate_stats()[1], ours.aggregate_mean().iloc[:, :4], rtol=1e-4)
        np.testing.assert_array_equal(standin.aggregate_max(), ours.aggregate_max().iloc[:, :4])
        np.testing.assert_allclose(standin.center_of_mass(), ours.center_of_mass().iloc[:, :3], rtol=1e-9)
    med = {k: statistics.median(v) for k, v in times.items()}
    voxels = args.size * args.size
    print(f"{args.size}^2 x 4 uint16, {os.cpu_count()} cores, threads {args.threads}, median of {args.repeats}")
    for k, v in med.items():
        print(f"  {k:52s} {v:8.2f} s  {voxels / v / 1e6:8.1f} Mvoxel/s")
    base = med["rasteragg stats command (new JVM, CSV)"]
    print(f"  ours aggregate_all / command: {med['ours aggregate_all (engine reads Zarr)'] / base:.2f}x")
    print(f"  ours via dask / command:      {med['ours aggregate_all (chunks from dask)'] / base:.2f}x")
    key = "harpy stand-in: 6 stats, min, max, com (+ unique)"
    if key in med:
        print(f"  harpy stand-in / ours harpy methods: {med[key] / med['ours harpy methods (engine reads Zarr)']:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
