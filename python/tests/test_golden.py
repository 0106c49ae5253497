"""Every harpy method against harpy's own outputs and against numpy/scipy float64 outputs, on
mask and image given as dask arrays from Zarr, from numpy, from a lazy computation, and as numpy."""
from __future__ import annotations

import numpy as np
import pytest

import rasteragg
from conftest import ORIGINS, as_origin, assert_frame_matches, golden_cases, read_golden_csv

HARPY = golden_cases("harpy")
SCIPY = golden_cases("scipy")
HARPY_STATS = ("sum", "mean", "count", "var", "kurtosis", "skew")


def tolerance(source, table):
    if source == "scipy":
        return 1e-9, 1e-9  # float64 references (SEMANTICS.md)
    moments = table.endswith(("skew", "kurtosis"))
    return 1e-5, (1e-4 if moments else 1e-6)  # harpy keeps float32 partials


def chunks_of(case, origin):
    """Mask and image chunks: harpy's own where the case gives them; the Zarr origin chunks the
    image differently from the mask (grids that harpy would reject)."""
    mc = case.mask_chunks or (1, 4, 5)
    ic = (2, 1, 7, 9) if origin == "zarr" else (1, *mc)
    return mc, ic


_aggregators = {}


@pytest.fixture
def aggregator(request, session_tmp):
    def get(case, origin):
        key = (repr(case), origin)
        if key not in _aggregators:
            mc, ic = chunks_of(case, origin)
            folder = session_tmp / case.source / case.name / origin
            folder.mkdir(parents=True, exist_ok=True)
            mask = as_origin(case.mask(), origin, mc, folder, "mask")
            image = as_origin(case.image(), origin, ic, folder, "image")
            _aggregators[key] = rasteragg.RasterAggregator(mask, image, threads=2)
        return _aggregators[key]

    return get


def compute(agg, table, index, has_image):
    if table.startswith("stats_"):
        stat = table[len("stats_"):]
        funcs = HARPY_STATS if has_image else ("count",)
        return agg.aggregate_stats(stats_funcs=funcs, index=index)[funcs.index(stat)]
    if table == "area":
        return agg.aggregate_area(index=index)
    if table == "center_of_mass":
        return agg.center_of_mass(index=index)
    return getattr(agg, "aggregate_" + table)(index=index)


def table_params(cases):
    return [pytest.param(case, table, index, f, id=f"{case!r}-{f.name}") for case in cases
            for table, index, f in case.table_files()]


@pytest.mark.parametrize("origin", ORIGINS)
@pytest.mark.parametrize("case,table,index,csv", table_params(HARPY) + table_params(SCIPY))
def test_table_matches_golden(aggregator, case, table, index, csv, origin):
    agg = aggregator(case, origin)
    got = compute(agg, table, case.index(index), case.image() is not None)
    rtol, atol = tolerance(case.source, table)
    assert_frame_matches(got, read_golden_csv(csv), rtol, atol, f"{case!r} {csv.name} from {origin}")


@pytest.mark.parametrize("origin", ORIGINS)
def test_zarr_origin_is_read_by_the_engine_alone(aggregator, origin):
    agg = aggregator(HARPY[-1], origin)  # uint16_3d
    assert agg.reads_zarr_directly == (origin == "zarr")
