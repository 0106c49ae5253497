"""Shared helpers: the golden cases committed with the core module's tests, the array origins the
package must accept, and a numpy float64 reference of every statistic."""
from __future__ import annotations

import re
from pathlib import Path

import dask.array as da
import numpy as np
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
# harpy's own outputs (a verbatim copy of /work/shared/golden/harpy) and numpy/scipy float64 ones
# (tools/fixtures/core/make_core_fixtures.py), both committed with the core module's tests.
GOLDEN = REPO / "core" / "src" / "test" / "resources" / "golden"

ORIGINS = ("zarr", "dask", "lazy", "numpy")


class GoldenCase:
    """One folder: mask.npy, optional image.npy and index_NAME.npy, CSV tables, a README."""

    def __init__(self, source: str, name: str):
        self.source, self.name = source, name
        self.root = GOLDEN / source / name
        readme = (self.root / "README.md").read_text()
        self.index_names = [n for n in re.findall(r"(?m)^index (\w+):", readme) if n != "all"]
        chunks = re.search(r"chunks \(([\d, ]+)\)", readme)
        self.mask_chunks = tuple(int(c) for c in chunks.group(1).split(",")) if chunks else None

    def __repr__(self):
        return f"{self.source}/{self.name}"

    def mask(self):
        return np.load(self.root / "mask.npy")

    def image(self):
        p = self.root / "image.npy"
        return np.load(p) if p.exists() else None

    def index(self, name):
        return None if name is None else np.load(self.root / f"index_{name}.npy")

    def table_files(self):
        for index in [None, *self.index_names]:
            suffix = "" if index is None else f"__index_{index}"
            for f in sorted(self.root.glob(f"*{suffix}.csv")):
                table = f.name[: -len(suffix + ".csv")]
                if "__index_" not in table:
                    yield table, index, f


def golden_cases(source):
    return [GoldenCase(source, p.name) for p in sorted((GOLDEN / source).iterdir()) if p.is_dir()]


def as_origin(array: np.ndarray | None, origin: str, chunks, tmp: Path, name: str):
    """The same values as a dask array read from a Zarr store written by zarr-python ("zarr"),
    a dask array over numpy ("dask"), a lazy dask computation ("lazy") or numpy itself."""
    if array is None:
        return None
    chunks = tuple(min(c, max(1, s)) for c, s in zip(chunks, array.shape))
    if origin == "numpy":
        return array
    if origin == "dask":
        return da.from_array(array, chunks=chunks)
    if origin == "zarr":
        import zarr

        path = tmp / f"{name}.zarr"
        z = zarr.open(str(path), mode="w", shape=array.shape, chunks=chunks, dtype=array.dtype)
        z[...] = array
        return da.from_zarr(str(path))
    if origin == "lazy":
        # computed block by block from another array: an arithmetic step, and irregular chunks
        # along the first axis (the package regularises them)
        base = da.from_array(array, chunks=chunks)
        lazy = (base * 1).astype(array.dtype) if array.dtype.kind != "b" else base
        if array.shape[0] > 1:
            lazy = da.concatenate([lazy[:1], lazy[1:]], axis=0)
        return lazy
    raise ValueError(origin)


def read_golden_csv(path: Path) -> pd.DataFrame:
    """A golden CSV with its header as written (channel columns "0", "1", ...), NaN for empty fields."""
    return pd.read_csv(path, dtype=float, keep_default_na=True)


def assert_frame_matches(got: pd.DataFrame, want: pd.DataFrame, rtol: float, atol: float, what: str):
    """Same column names (as text), same number of rows, each column's numbers within tolerance and
    NaN exactly where the golden table has it."""
    assert [str(c) for c in got.columns] == list(want.columns), f"{what}: columns {list(got.columns)}"
    assert len(got) == len(want), f"{what}: {len(got)} rows, expected {len(want)}"
    for c_got, c_want in zip(got.columns, want.columns):
        g = got[c_got].to_numpy(dtype=np.float64)
        w = want[c_want].to_numpy(dtype=np.float64)
        np.testing.assert_array_equal(np.isnan(g), np.isnan(w), err_msg=f"{what} column {c_want}: NaN positions")
        ok = ~np.isnan(w)
        np.testing.assert_allclose(g[ok], w[ok], rtol=rtol, atol=atol, err_msg=f"{what} column {c_want}")


def reference(mask: np.ndarray, image: np.ndarray | None, index=None) -> dict:
    """Every statistic in float64, two-pass, with harpy's values for labels absent from the mask.

    Returns {"labels", "count", "center" (rows x 3)} and, with an image, "sum", "mean", "var",
    "skew", "kurtosis", "min", "max" (rows x channels).
    """
    flat = mask.reshape(-1).astype(np.int64)
    present, inverse = np.unique(flat, return_inverse=True)
    labels = present if index is None else np.asarray(index, dtype=np.int64)
    pos = np.searchsorted(present, labels)
    found = (pos < len(present)) & (present[np.minimum(pos, len(present) - 1)] == labels)
    rows = np.where(found, pos, 0)

    def pick(per_label, empty):
        out = np.asarray(per_label, dtype=np.float64)[rows]
        out[~found] = empty
        return out

    n = np.bincount(inverse, minlength=len(present)).astype(np.float64)
    out = {"labels": labels, "count": np.where(found, n[rows], 0).astype(np.int64)}
    coords = np.indices(mask.shape).reshape(3, -1).astype(np.float64)
    out["center"] = np.stack([pick(np.bincount(inverse, c, len(present)) / n, np.nan) for c in coords], axis=1)
    if image is None:
        return out
    stats = {k: [] for k in ("sum", "mean", "var", "skew", "kurtosis", "min", "max")}
    info = np.iinfo(image.dtype) if image.dtype.kind in "iu" else np.finfo(image.dtype)
    for ch in image.reshape(image.shape[0], -1):
        x = ch.astype(np.float64)
        s = np.bincount(inverse, x, len(present))
        mean = s / n
        mean += np.bincount(inverse, x - mean[inverse], len(present)) / n  # corrected two-pass mean
        d = x - mean[inverse]
        m2, m3, m4 = (np.bincount(inverse, d ** k, len(present)) / n for k in (2, 3, 4))
        with np.errstate(divide="ignore", invalid="ignore"):
            skew = np.nan_to_num(m3 / m2 ** 1.5, nan=0.0, posinf=0.0, neginf=0.0)
            kurt = np.nan_to_num(m4 / m2 ** 2 - 3, nan=0.0, posinf=0.0, neginf=0.0)
        lo = np.full(len(present), np.inf)
        hi = np.full(len(present), -np.inf)
        np.minimum.at(lo, inverse, x)
        np.maximum.at(hi, inverse, x)
        stats["sum"].append(pick(s, 0.0))
        stats["mean"].append(pick(mean, np.nan))
        stats["var"].append(pick(m2, np.nan))
        stats["skew"].append(pick(skew, 0.0))
        stats["kurtosis"].append(pick(kurt, 0.0))
        stats["min"].append(pick(lo, float(info.max)))
        stats["max"].append(pick(hi, float(info.min)))
    out.update({k: np.stack(v, axis=1) for k, v in stats.items()})
    return out


@pytest.fixture(scope="session")
def session_tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("rasteragg")
