"""harpy's table structure, dtypes and errors; numbers against a numpy float64 reference on
random data of every origin; the data paths (direct Zarr reads, edge chunks, failing chunks)."""
from __future__ import annotations

import logging

import dask.array as da
import numpy as np
import pandas as pd
import pytest
import zarr

import rasteragg
from conftest import ORIGINS, as_origin, reference

CHANNEL_STATS = ("sum", "mean", "var", "skew", "kurtosis", "min", "max")


def tissue(shape=(3, 37, 41), channels=2, dtype=np.uint16, seed=7):
    """Sparse labels (0 as background, a negative label, one above 2^32) and an image whose values
    sit on a large offset, which breaks naive power sums."""
    rng = np.random.default_rng(seed)
    ids = np.array([0, 3, 9, -5, 2 ** 33 + 1, 77], dtype=np.int64)
    mask = ids[rng.integers(0, len(ids), size=shape)]
    mask[0, :4, :4] = 12  # a constant region: skew and kurtosis 0 with a warning
    if np.dtype(dtype).kind == "f":
        base = 1e6
        image = (base + rng.normal(0, 3, size=(channels, *shape))).astype(dtype)
    else:
        info = np.iinfo(dtype)
        base = info.max - 10 if info.max < 2 ** 20 else 1 << 20
        image = (base + rng.integers(-3, 4, size=(channels, *shape))).astype(dtype)
    image[:, 0, :4, :4] = base  # exact in every dtype, so the reference's mean is exact there too
    return mask, image


def check_against_reference(agg, mask, image, index=None):
    ref = reference(mask, image, index)
    frames = dict(zip(CHANNEL_STATS, agg.aggregate_stats(stats_funcs=CHANNEL_STATS, index=index)))
    for stat, frame in frames.items():
        np.testing.assert_array_equal(frame["cell_ID"].to_numpy(np.int64), ref["labels"])
        got = frame[list(range(image.shape[0]))].to_numpy(np.float64)
        np.testing.assert_allclose(got, ref[stat], rtol=1e-9, atol=1e-9, err_msg=stat)
    area = agg.aggregate_area(index=index)
    np.testing.assert_array_equal(area["shapeSize"].to_numpy(), ref["count"])
    com = agg.center_of_mass(index=index)
    np.testing.assert_allclose(com[[0, 1, 2]].to_numpy(), ref["center"], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("origin", ORIGINS)
@pytest.mark.parametrize("dtype", [np.uint16, np.int16, np.uint8, np.int32, np.float32, np.float64])
def test_every_statistic_matches_numpy_float64(origin, dtype, tmp_path):
    mask, image = tissue(dtype=dtype)
    agg = rasteragg.RasterAggregator(as_origin(mask, origin, (2, 16, 16), tmp_path, "mask"),
                                     as_origin(image, origin, (1, 3, 10, 30), tmp_path, "image"), threads=2)
    check_against_reference(agg, mask, image)
    check_against_reference(agg, mask, image, index=np.array([77, 123, 0, -5, 2 ** 33 + 1]))


def test_edge_chunks_of_many_rows_are_copied_whole(tmp_path):
    # x is cut at 16 with 900 rows left in each edge chunk: the padded copy, not one copy per row
    mask, image = tissue(shape=(3, 300, 41))
    agg = rasteragg.RasterAggregator(da.from_array(mask, chunks=(3, 300, 16)),
                                     da.from_array(image, chunks=(2, 3, 300, 16)), threads=2)
    check_against_reference(agg, mask, image)


def test_harpy_layout_and_dtypes():
    mask, image = tissue()
    mask = mask.astype(np.int64)
    agg = rasteragg.RasterAggregator(da.from_array(mask.astype(np.int32) % 50, chunks=(1, 16, 16)),
                                     da.from_array(image, chunks=(1, 1, 16, 16)))
    s, mean, count, var, kurt, skew = agg.aggregate_stats()
    for frame in (s, mean, var, kurt, skew):
        assert list(frame.columns) == [0, 1, "cell_ID"]
        assert frame[0].dtype == np.float64 and frame["cell_ID"].dtype == np.int32
        assert isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0
    assert list(count.columns) == [0, "cell_ID"] and count[0].dtype == np.int64
    assert list(agg.aggregate_min().columns) == [0, 1, "cell_ID"]
    assert agg.aggregate_min()[0].dtype == np.uint16 and agg.aggregate_max()[1].dtype == np.uint16
    area = agg.aggregate_area()
    assert list(area.columns) == ["cell_ID", "shapeSize"] and area["shapeSize"].dtype == np.int64
    com = agg.center_of_mass()
    assert list(com.columns) == [0, 1, 2, "cell_ID"] and com[0].dtype == np.float64
    labels = np.unique(mask.astype(np.int32) % 50)
    np.testing.assert_array_equal(area["cell_ID"], labels)  # None: every label, background included, sorted

    index = np.array([7, 1000, 0], dtype=np.int16)
    absent = agg.aggregate_stats(stats_funcs=("mean", "count", "skew"), index=index)
    assert absent[0]["cell_ID"].dtype == np.int16
    np.testing.assert_array_equal(absent[0]["cell_ID"], index)  # index order kept
    assert np.isnan(absent[0].loc[1, 0]) and absent[1].loc[1, 0] == 0 and absent[2].loc[1, 0] == 0
    assert agg.aggregate_min(index)[0][1] == 65535 and agg.aggregate_max(index)[0][1] == 0


def test_instance_keys_are_named_as_given():
    mask, image = tissue()
    agg = rasteragg.RasterAggregator(mask, image, instance_key="label", instance_size_key="voxels")
    assert list(agg.aggregate_area().columns) == ["label", "voxels"]
    assert list(agg.aggregate_mean().columns) == [0, 1, "label"]


def test_constant_regions_warn_like_harpy(caplog):
    mask, image = tissue()
    with caplog.at_level(logging.WARNING, logger="rasteragg"):
        rasteragg.RasterAggregator(mask, image).aggregate_skew()
    assert any("skew" in r.getMessage() for r in caplog.records)


def test_aggregate_all_is_the_wide_table_of_the_separate_methods():
    mask, image = tissue()
    agg = rasteragg.RasterAggregator(mask, image)
    wide = agg.aggregate_all(channel_names=["DAPI", "CD3"])
    assert list(wide.columns[:4]) == ["cell_ID", "shapeSize", "sum_DAPI", "sum_CD3"]
    assert list(wide.columns[-3:]) == ["z", "y", "x"]
    np.testing.assert_array_equal(wide["mean_CD3"], agg.aggregate_mean()[1])
    np.testing.assert_array_equal(wide["max_DAPI"], agg.aggregate_max()[0])
    assert wide["max_DAPI"].dtype == np.uint16
    np.testing.assert_array_equal(wide["x"], agg.center_of_mass()[2])
    only = agg.aggregate_all(index=[9, 3], stats=["mean", "count"])
    assert list(only.columns) == ["cell_ID", "shapeSize", "mean_0", "mean_1"]
    assert list(only["cell_ID"]) == [9, 3]


def test_statistics_beyond_harpy_by_name():
    mask, image = tissue()
    agg = rasteragg.RasterAggregator(mask, image)
    lo, hi, com = agg.aggregate_stats(stats_funcs=("min", "max", "center_of_mass"))
    assert lo.equals(agg.aggregate_min()) and hi.equals(agg.aggregate_max()) and com.equals(agg.center_of_mass())
    assert agg.aggregate("area").equals(agg.aggregate_stats(("count",))[0])
    with pytest.raises(ValueError, match=r"unknown statistic 'median_absolute'; valid statistics: count, sum"):
        agg.aggregate_stats(("mean", "median_absolute"))


def test_mask_only_statistics_and_image_statistics_without_an_image():
    mask, _ = tissue()
    agg = rasteragg.RasterAggregator(da.from_array(mask, chunks=(1, 8, 8)))
    ref = reference(mask, None)
    np.testing.assert_array_equal(agg.aggregate_area()["shapeSize"], ref["count"])
    with pytest.raises(ValueError, match="needs an image"):
        agg.aggregate_mean()


def test_harpys_errors():
    mask, image = tissue()
    with pytest.raises(ValueError, match="should contain chunks of type"):
        rasteragg.RasterAggregator(mask.astype(np.float32), image)
    with pytest.raises(ValueError, match="should contain chunks of type"):
        rasteragg.RasterAggregator(mask > 0, image)
    with pytest.raises(AssertionError, match="only 3D masks"):
        rasteragg.RasterAggregator(mask[0])
    with pytest.raises(AssertionError, match="only 4D image"):
        rasteragg.RasterAggregator(mask, image[0])
    with pytest.raises(AssertionError, match="same spatial dimensions"):
        rasteragg.RasterAggregator(mask, image[:, :, :-1])
    agg = rasteragg.RasterAggregator(mask, image)
    with pytest.raises(ValueError, match="holds label 3 twice"):
        agg.aggregate_mean(index=[3, 9, 3])
    with pytest.raises(ValueError, match="integer labels"):
        agg.aggregate_mean(index=[3.5])


def test_chunk_grids_that_differ_are_accepted():
    mask, image = tissue()
    agg = rasteragg.RasterAggregator(da.from_array(mask, chunks=(1, 5, 7)), da.from_array(image, chunks=(2, 2, 9, 4)))
    check_against_reference(agg, mask, image)


def test_a_failing_chunk_raises_its_own_error():
    mask, image = tissue()

    def broken(block, block_info=None):
        if block_info[0]["chunk-location"] == (1, 1, 1):
            raise OSError("disk gone at chunk (1, 1, 1)")
        return block

    lazy = da.from_array(mask, chunks=(1, 16, 16)).map_blocks(broken, dtype=mask.dtype)
    agg = rasteragg.RasterAggregator(lazy, image)
    with pytest.raises(OSError, match=r"disk gone at chunk \(1, 1, 1\)"):
        agg.aggregate_mean()
    with pytest.raises(OSError):  # and again: the error is not left over from the last call
        agg.aggregate_area()


def test_no_chunk_is_read_after_the_error_reached_the_caller():
    # one chunk fails while another worker is inside a slow read of the same dask array
    import threading
    import time

    mask, image = tissue(shape=(1, 32, 32))
    second_started, reads = threading.Event(), {"open": 0, "after_error": 0}
    failed, counting = threading.Event(), threading.Lock()

    def count(key, step):
        with counting:
            reads[key] += step

    def slow_or_broken(block, block_info=None):
        count("open", 1)
        try:
            where = block_info[0]["chunk-location"]
            if where == (0, 0, 0):
                second_started.wait(10)
                failed.set()
                raise OSError("disk gone at chunk (0, 0, 0)")
            if where == (0, 0, 1):
                second_started.set()
                time.sleep(0.3)
            if failed.is_set() and where != (0, 0, 1):
                count("after_error", 1)
            return block
        finally:
            count("open", -1)

    lazy = da.from_array(mask, chunks=(1, 32, 16)).map_blocks(slow_or_broken, dtype=mask.dtype)
    with pytest.raises(OSError, match=r"disk gone at chunk \(0, 0, 0\)"):
        rasteragg.RasterAggregator(lazy, threads=2).aggregate_area()
    assert second_started.is_set()
    assert reads["open"] == 0  # the slow read ended before the error was raised here
    assert reads["after_error"] == 0


def write_zarr(path, array, chunks):
    z = zarr.open(str(path), mode="w", shape=array.shape, chunks=chunks, dtype=array.dtype)
    z[...] = array
    return z


def test_zarr_with_inserted_axes_is_read_by_the_engine(tmp_path):
    # harpy's own example: 2D labels and a (c, y, x) image given a z axis by indexing
    mask, image = tissue(shape=(1, 37, 41))
    write_zarr(tmp_path / "m.zarr", mask[0], (16, 16))
    group = zarr.open_group(str(tmp_path / "sdata.zarr"), mode="w")
    group.create_dataset("images/image/0", data=image[:, 0], chunks=(1, 20, 20))
    m = da.from_zarr(str(tmp_path / "m.zarr"))[None, ...]
    i = da.from_zarr(str(tmp_path / "sdata.zarr"), component="images/image/0")[:, None]
    agg = rasteragg.RasterAggregator(m, i)
    assert agg.reads_zarr_directly
    check_against_reference(agg, mask, image)


def test_zarr_arrays_that_are_not_plain_reads_go_through_dask(tmp_path):
    mask, image = tissue()
    z = write_zarr(tmp_path / "m.zarr", mask, (2, 16, 16))
    for not_plain in (da.from_zarr(z)[:, ::-1][:, ::-1], da.from_zarr(z) + 0, da.from_zarr(z)[:, 1:]):
        agg = rasteragg.RasterAggregator(not_plain, None)
        assert not agg.reads_zarr_directly
    agg = rasteragg.RasterAggregator(da.from_zarr(z)[:, 1:])
    np.testing.assert_array_equal(agg.aggregate_area()["shapeSize"], reference(mask[:, 1:], None)["count"])
    assert rasteragg.RasterAggregator(z).reads_zarr_directly  # a zarr.Array itself


def test_image_dtypes_the_engine_widens(tmp_path):
    mask, image = tissue(dtype=np.uint8)
    agg = rasteragg.RasterAggregator(mask, image.astype(np.float16))
    np.testing.assert_allclose(agg.aggregate_mean()[[0, 1]].to_numpy(),
                               reference(mask, image.astype(np.float16).astype(np.float32))["mean"], rtol=1e-9)
    with pytest.raises(ValueError, match="complex64"):
        rasteragg.RasterAggregator(mask, image.astype(np.complex64))


@pytest.mark.parametrize("dtype", [np.int64, np.uint64])
def test_min_and_max_of_64_bit_images_are_exact_in_the_wide_table(dtype):
    """Issue 12: values float64 cannot hold (2^53 + 1 beside 5, 2^63 - 1, -2^63, 2^64 - 1, 2^63) come out
    of aggregate_all exactly, in the image's dtype; the reference is numpy's min and max per label."""
    mask = np.array([[[1, 1, 2, 2], [3, 3, 3, 0]]], dtype=np.int32)
    special = ([2 ** 53 + 1, 5, -2 ** 63, 2 ** 63 - 1, 7, 2 ** 53, 7, 0] if dtype == np.int64
               else [2 ** 64 - 1, 5, 2 ** 63, 0, 2 ** 53 + 1, 7, 7, 1])
    image = np.array(special, dtype=dtype).reshape(1, 1, 2, 4)
    wide = rasteragg.RasterAggregator(mask, image).aggregate_all(stats=["min", "max"], index=[0, 1, 2, 3, 99])
    for label, row in zip([0, 1, 2, 3], range(4)):
        values = image[0][mask == label]
        assert wide["min_0"].iloc[row] == values.min() and wide["max_0"].iloc[row] == values.max()
    info = np.iinfo(dtype)
    assert wide["min_0"].iloc[4] == info.max and wide["max_0"].iloc[4] == info.min  # no voxels
    assert wide["min_0"].dtype == dtype and wide["max_0"].dtype == dtype
    assert int(wide["max_0"].iloc[1]) == (2 ** 53 + 1 if dtype == np.int64 else 2 ** 64 - 1)
