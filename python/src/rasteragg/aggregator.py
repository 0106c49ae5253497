"""rasteragg.RasterAggregator: harpy's RasterAggregator on the rasteragg engine."""
from __future__ import annotations

import logging
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import _jvm
from ._sources import first_error, to_chunked_array
from ._tables import to_frame

log = logging.getLogger("rasteragg")

HARPY_STATS = ("sum", "mean", "count", "var", "kurtosis", "skew")
# harpy's Featurizer's default quantiles.
DEFAULT_QUANTILES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


class RasterAggError(RuntimeError):
    """The engine failed for a reason that is not bad input (an I/O error, an internal error)."""


def _log_line(jp, level):
    """A java.util.function.Consumer of one-line messages that logs them on the rasteragg logger."""

    @jp.JImplements("java.util.function.Consumer")
    class LogLine:
        @jp.JOverride
        def accept(self, line):
            log.log(level, str(line))

    return LogLine()


class RasterAggregator:
    """Per-label statistics of an image over a label mask, with harpy's API and return values.

    A drop-in for ``harpy.utils.RasterAggregator``: same constructor, methods, DataFrame layouts
    (integer channel columns and the instance key; count and area tables with their own columns),
    row order and ``index`` handling, and the same ValueError / AssertionError on bad input. The
    numbers are rasteragg's: float64 throughout (harpy keeps float32 partials), every call reads the
    data once for all the statistics it returns, and mask and image may be chunked differently.

    :param mask_dask_array: (z, y, x) integer labels: a dask array, a zarr array or a numpy array
    :param image_dask_array: (c, z, y, x) image, or None for area and center of mass only
    :param instance_key: name of the label column
    :param instance_size_key: name of the area table's voxel count column
    :param run_on_gpu: harpy's flag; the engine runs on a GPU where its GPU backend is installed and
        can run the statistics, else on the CPU (harpy falls back the same way)
    :param threads: engine worker threads (default: all processors)
    :param max_memory: a memory bound in bytes that the engine keeps to, refusing clearly when it
        cannot (default: none)
    """

    def __init__(self, mask_dask_array, image_dask_array=None, instance_key: str = "cell_ID",
                 instance_size_key: str = "shapeSize", run_on_gpu: bool = True, *, threads: int | None = None,
                 max_memory: int | None = None):
        mask_dtype = np.dtype(mask_dask_array.dtype)
        if not np.issubdtype(mask_dtype, np.integer):
            raise ValueError(f"'mask_dask_array' should contain chunks of type {np.integer}, found {mask_dtype}.")
        if image_dask_array is not None:
            assert image_dask_array.ndim == 4, (
                "Currently only 4D image arrays are supported ('c', 'z', 'y', 'x'); found shape "
                f"{tuple(image_dask_array.shape)}.")
            assert tuple(image_dask_array.shape[1:]) == tuple(mask_dask_array.shape), (
                "The mask and the image should have the same spatial dimensions ('z', 'y', 'x'); found mask "
                f"{tuple(mask_dask_array.shape)} and image {tuple(image_dask_array.shape)}.")
        assert mask_dask_array.ndim == 3, (
            f"Currently only 3D masks are supported ('z', 'y', 'x'); found shape {tuple(mask_dask_array.shape)}.")
        self._mask_dtype = mask_dtype
        self._instance_key = instance_key
        self._instance_size_key = instance_size_key
        self._run_on_gpu = bool(run_on_gpu)
        self._jpype = _jvm.ensure_started()
        jp = self._jpype
        self._Statistic = jp.JClass("org.rasteragg.core.Statistic")
        self._jmask = to_chunked_array(jp, mask_dask_array, "mask")
        self._jimage = None if image_dask_array is None else to_chunked_array(jp, image_dask_array, "image")
        self._channels = 0 if image_dask_array is None else int(image_dask_array.shape[0])
        builder = (jp.JClass("org.rasteragg.core.RasterAggregator").builder().mask(self._jmask).image(self._jimage)
                   .instanceKey(instance_key).instanceSizeKey(instance_size_key))
        if threads is not None:
            builder.threads(int(threads))
        if max_memory is not None:
            builder.maxMemoryBytes(int(max_memory))
        if hasattr(builder, "runOnGpu"):  # the engine's GPU backend, where this jar has it
            builder.runOnGpu(self._run_on_gpu)
            if hasattr(builder, "gpuNotice"):
                builder.gpuNotice(_log_line(jp, logging.INFO))
        self._engine = self._java(builder.build)

    @property
    def reads_zarr_directly(self) -> bool:
        """Whether the engine reads mask and image from their Zarr stores itself (no Python in the loop)."""
        return all(a is None or not hasattr(a, "proxy_errors") for a in (self._jmask, self._jimage))

    # ------------------------------------------------------------------ harpy's methods

    def aggregate_stats(self, stats_funcs: Sequence[str] = HARPY_STATS, index=None) -> list[pd.DataFrame]:
        """One DataFrame per requested statistic, in the requested order, from one read of the data.

        ``stats_funcs``: harpy's "sum", "mean", "count", "var", "kurtosis", "skew", and beyond harpy
        any other statistic the engine offers by name ("min", "max", "center", ...).
        ``index``: the labels, in row order; None = every label present, background included, sorted.
        """
        if isinstance(stats_funcs, str):
            stats_funcs = (stats_funcs,)
        stats = [self._statistic(name) for name in stats_funcs]
        result = self._aggregate(stats, index)
        return [self._frame(result.table(s), index) for s in stats]

    def aggregate_sum(self, index=None) -> pd.DataFrame:
        return self._single("sum", index)

    def aggregate_mean(self, index=None) -> pd.DataFrame:
        return self._single("mean", index)

    def aggregate_var(self, index=None) -> pd.DataFrame:
        return self._single("var", index)

    def aggregate_kurtosis(self, index=None) -> pd.DataFrame:
        return self._single("kurtosis", index)

    def aggregate_skew(self, index=None) -> pd.DataFrame:
        return self._single("skew", index)

    def aggregate_min(self, index=None) -> pd.DataFrame:
        return self._single("min", index)

    def aggregate_max(self, index=None) -> pd.DataFrame:
        return self._single("max", index)

    def aggregate_area(self, index=None) -> pd.DataFrame:
        """Columns instance key and instance size key (voxel count, int64). Reads only the mask."""
        result = self._aggregate([self._statistic("count")], index)
        return self._frame(result.areaTable(), index)

    def center_of_mass(self, index=None) -> pd.DataFrame:
        """Columns 0, 1, 2 (z, y, x, float64 voxel coordinates) and the instance key. Reads only the mask."""
        return self._single("center", index)

    # ------------------------------------------------------------------ beyond harpy

    def aggregate_all(self, index=None, stats: Iterable[str] | str | None = None,
                      channel_names: Sequence[str] | None = None,
                      quantiles: Sequence[float | str] | None = None) -> pd.DataFrame:
        """The wide table from one read: instance key, instance size key, ``{stat}_{channel}`` for each
        image statistic, then z, y, x (center of mass), then the statistics beyond harpy (the README's
        "Statistics": std, median, ``q{q}_{channel}``, bbox, wcenter, radius and axis columns).

        ``stats``: statistic names, or "all" for every one (default: every harpy statistic plus min,
        max and center, those the image allows); ``channel_names``: one name per channel (default "0",
        "1", ...); ``quantiles``: the quantiles of "quantiles", in [0, 1] (default 0.1, 0.2, ..., 0.9),
        their columns named as written (``0.25`` or ``"0.25"``: ``q0.25_0``).
        """
        jp = self._jpype
        names = list(channel_names) if channel_names is not None else [str(c) for c in range(self._channels)]
        if len(names) != self._channels:
            raise ValueError(f"{len(names)} channel names {names} for an image of {self._channels} channels")
        if isinstance(stats, str):
            stats = (stats,)
        if stats is None and quantiles is not None:
            raise ValueError("quantiles= sets the quantiles of the 'quantiles' statistic: add 'quantiles' (or "
                             "'all') to stats")
        if stats is None:
            result = self._java(lambda: self._engine.aggregateAll(self._index(index)))
            self._warn(result)
        else:
            wanted = []
            for name in stats:
                if str(name).strip().lower() == "all":
                    wanted += [s for s in self._Statistic.every() if self._jimage is not None or not s.needsImage()]
                else:
                    wanted.append(self._statistic(name))
            result = self._aggregate(wanted, index, quantiles)
        java_names = jp.JClass("java.util.ArrayList")()
        for n in names:
            java_names.add(jp.JString(str(n)))
        return self._frame(result.wideTable(java_names), index)

    def aggregate_quantiles(self, quantiles: Sequence[float | str] = DEFAULT_QUANTILES,
                            index=None) -> list[pd.DataFrame]:
        """One DataFrame per quantile, in the order given, with columns 0..c-1 (one per channel) and the
        instance key: the shape of harpy's deprecated ``aggregate_quantiles``. numpy's ``quantile`` with
        its default (linear) interpolation, exact for every dtype, over the whole label (no window).
        """
        texts = self._quantile_texts(quantiles)
        tables = self._java(lambda: self._engine.aggregateQuantiles(texts, self._index(index)))
        return [self._frame(t, index) for t in tables]

    def radii_and_principal_axes(self, index=None) -> pd.DataFrame:
        """harpy's ``Featurizer.radii_and_principal_axes`` without its window: columns radius_0..2 (the
        square roots of the eigenvalues of the coordinate covariance, denominator n - 1, largest first),
        axis_{i}_{z,y,x} (unit eigenvectors, largest component positive) and the instance key; a label of
        fewer than 3 voxels gets radii 0 and the identity axes. Exact; reads only the mask.
        """
        return self._frame(self._java(lambda: self._engine.radiiAndPrincipalAxes(self._index(index))), index)

    def aggregate(self, statistic: str, index=None) -> pd.DataFrame:
        """The harpy-layout table of one statistic, by any name the engine offers."""
        return self._single(statistic, index)

    # ------------------------------------------------------------------ internals

    def _single(self, name, index):
        s = self._statistic(name)
        return self._frame(self._aggregate([s], index).table(s), index)

    def _statistic(self, name):
        jp = self._jpype
        name = str(name)
        try:
            if name in HARPY_STATS:
                return self._Statistic.fromHarpyName(name)
            return self._Statistic.fromAnyName(name)
        except jp.JException as e:
            raise ValueError(str(e.getMessage())) from None

    def _quantile_texts(self, quantiles):
        """Quantiles as Java strings, as written (floats by their shortest repr), checked by the engine."""
        jp = self._jpype
        if isinstance(quantiles, (str, float, int)):
            quantiles = (quantiles,)
        texts = jp.JClass("java.util.ArrayList")()
        for q in quantiles:
            texts.add(jp.JString(q if isinstance(q, str) else repr(float(q)) if isinstance(q, float) else str(q)))
        try:
            jp.JClass("org.rasteragg.core.Quantile").parse(texts)
        except jp.JException as e:
            raise ValueError(str(e.getMessage())) from None
        return texts

    def _aggregate(self, stats, index, quantiles=None):
        jp = self._jpype
        wanted = jp.JClass("java.util.EnumSet").noneOf(self._Statistic.class_)
        for s in stats:
            wanted.add(s)
        jindex = self._index(index)
        if quantiles is None:
            result = self._java(lambda: self._engine.aggregateAll(wanted, jindex))
        else:
            parsed = jp.JClass("org.rasteragg.core.Quantile").parse(self._quantile_texts(quantiles))
            result = self._java(lambda: self._engine.aggregateAll(wanted, parsed, jindex))
        self._warn(result)
        return result

    def _index(self, index):
        if index is None:
            return None
        a = np.asarray(index)
        if a.ndim != 1:
            raise ValueError(f"index must be a 1D array of labels, found shape {a.shape}")
        if a.dtype.kind not in "iu":
            if a.size and not (a.dtype.kind == "f" and np.all(np.isfinite(a)) and np.all(a == np.round(a))):
                raise ValueError(f"index must hold integer labels, found dtype {a.dtype}")
        if a.dtype.kind == "u" and a.size and a.max() > np.iinfo(np.int64).max:
            raise ValueError(f"label {a.max()} of the index is above 2^63 - 1, the largest label rasteragg takes")
        return self._jpype.JArray(self._jpype.JLong)(a.astype(np.int64))

    def _label_dtype(self, index):
        return self._mask_dtype if index is None else np.asarray(index).dtype

    def _frame(self, table, index):
        return to_frame(self._jpype, table, self._instance_key, self._label_dtype(index))

    def _warn(self, result):
        for w in result.warnings():
            log.warning(str(w))

    def _java(self, call):
        """Runs an engine call, raising Python's exceptions: a chunk's own Python error where reading
        a chunk failed, ValueError for bad input, MemoryError for a memory bound, RasterAggError else."""
        jp = self._jpype
        try:
            return call()
        except jp.JException as e:
            failed = first_error(self._jmask, self._jimage)
            for a in (self._jmask, self._jimage):
                if hasattr(a, "proxy_errors"):
                    a.proxy_errors.clear()
            if failed is not None:
                raise failed[1]
            message = str(e.getMessage() or e.getClass().getSimpleName())
            if isinstance(e, jp.JClass("org.rasteragg.core.MemoryBudgetException")):
                raise MemoryError(message) from None
            if isinstance(e, jp.JClass("java.lang.IllegalArgumentException")):
                raise ValueError(message) from None
            raise RasterAggError(f"{e.getClass().getName()}: {message}") from e
