"""aggregate_sdata: the command's job from Python, its table read back by anndata and checked
against a numpy float64 reference on the arrays as zarr-python reads them."""
from __future__ import annotations

import numpy as np
import pytest
import zarr

import rasteragg
from conftest import reference
from rasteragg.sdata import run_command

anndata = pytest.importorskip("anndata")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sdata")
    run_command(["demo", "-q", "--seed", "3", str(folder)])
    return folder / "demo.zarr"


def test_table_is_written_into_the_store(store):
    summary = rasteragg.aggregate_sdata(store, "cells", "image", table_name="ours", stats=["mean", "max"],
                                        exclude_background=True)
    assert isinstance(summary, dict) and summary
    table = anndata.read_zarr(str(store / "tables" / "ours"))
    mask = zarr.open(str(store / "labels" / "cells" / "0"), mode="r")[...]
    image = zarr.open(str(store / "images" / "image" / "0"), mode="r")[...]
    ref = reference(mask[None], image[:, None])
    keep = ref["labels"] != 0
    np.testing.assert_array_equal(table.obs["cell_ID"].to_numpy(), ref["labels"][keep])
    np.testing.assert_allclose(np.asarray(table.X), ref["mean"][keep], rtol=1e-12)
    assert list(table.var.index) == ["DAPI", "CD3", "CD20", "CD45"]
    np.testing.assert_array_equal(table.obs["max_CD3"].to_numpy(), ref["max"][keep, 1])


def test_an_existing_table_needs_overwrite(store):
    rasteragg.aggregate_sdata(store, "cells", "image", table_name="twice", stats=["sum"])
    with pytest.raises(rasteragg.RasterAggError, match="table 'twice' already exists; pass --overwrite"):
        rasteragg.aggregate_sdata(store, "cells", "image", table_name="twice", stats=["sum"])
    rasteragg.aggregate_sdata(store, "cells", "image", table_name="twice", stats=["sum"], mode="sum", overwrite=True)
    assert anndata.read_zarr(str(store / "tables" / "twice")).n_obs > 0


def test_bad_arguments_and_missing_stores_raise(store, tmp_path):
    with pytest.raises(ValueError, match="unknown statistic 'avg'"):
        rasteragg.aggregate_sdata(store, "cells", "image", table_name="x", stats=["avg"])
    with pytest.raises(rasteragg.RasterAggError, match="does not exist"):
        rasteragg.aggregate_sdata(tmp_path / "nowhere.zarr", "cells", "image")
    with pytest.raises(ValueError, match="not backed by a Zarr store"):
        rasteragg.aggregate_sdata(type("InMemorySpatialData", (), {"path": None})(), "cells", "image")
