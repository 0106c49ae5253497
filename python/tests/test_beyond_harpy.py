"""The statistics beyond harpy (std, median, quantiles, bbox, wcenter, axes) from the Python
package, against numpy/scipy float64 on random data: aggregate_all with quantiles=, the harpy-shaped
aggregate_quantiles and radii_and_principal_axes."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.ndimage

import rasteragg


def blobs(shape=(2, 31, 29), channels=2, dtype=np.uint16, seed=3):
    """Labels in irregular blocks (with background, a negative label and a one-voxel label) over an
    image with ties."""
    rng = np.random.default_rng(seed)
    z, y, x = np.indices(shape)
    mask = ((y // 7) * 5 + (x // 6) + 1 + 40 * (z % 2)).astype(np.int64)
    mask[rng.random(shape) < 0.15] = 0
    mask[0, 0, :5] = -7
    mask[1, 30, 28] = 999
    image = rng.integers(0, 200, size=(channels, *shape)).astype(dtype)
    return mask, image


def reference(mask, image, labels, quantiles):
    out = {"std": [], "median": [], "q": [], "bbox": [], "wcenter": [], "radii": [], "axes": []}
    for label in labels:
        sel = mask == label
        values = image[:, sel].astype(np.float64)
        out["std"].append(values.std(axis=1))
        out["median"].append(np.median(values, axis=1))
        out["q"].append(np.quantile(values, quantiles, axis=1))  # (quantile, channel)
        coords = np.argwhere(sel)
        out["bbox"].append(np.concatenate([coords.min(axis=0), coords.max(axis=0) + 1]))
        if len(coords) < 3:
            out["radii"].append(np.zeros(3))
            out["axes"].append(np.eye(3))
        else:
            w, v = np.linalg.eigh(np.cov(coords.T.astype(np.float64), ddof=1))
            order = np.argsort(w)[::-1]
            w, v = np.clip(w[order], 0, None), v[:, order]
            for i in range(3):
                if v[np.argmax(np.abs(v[:, i])), i] < 0:
                    v[:, i] = -v[:, i]
            out["radii"].append(np.sqrt(w))
            out["axes"].append(v.T)  # row i: axis i (z, y, x)
    out["wcenter"] = [np.array(scipy.ndimage.center_of_mass(image[c].astype(np.float64), mask, labels))
                      for c in range(image.shape[0])]  # per channel: (label, axis)
    return {k: np.array(v) for k, v in out.items()}


@pytest.mark.parametrize("dtype", [np.uint16, np.uint8, np.float32])
def test_aggregate_all_with_quantiles_matches_numpy_and_scipy(dtype):
    mask, image = blobs(dtype=dtype)
    agg = rasteragg.RasterAggregator(mask, image, threads=2)
    quantiles = [0.0, 0.1, 0.25, "0.333", 1]
    table = agg.aggregate_all(stats=("count", "std", "median", "quantiles", "bbox", "wcenter", "axes"),
                              quantiles=quantiles, channel_names=["a", "b"])
    labels = table["cell_ID"].to_numpy(np.int64)
    np.testing.assert_array_equal(labels, np.unique(mask))
    ref = reference(mask, image, labels, [float(q) for q in quantiles])
    for c, ch in enumerate("ab"):
        np.testing.assert_allclose(table[f"std_{ch}"], ref["std"][:, c], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(table[f"median_{ch}"], ref["median"][:, c], rtol=1e-12, atol=0)
        for j, name in enumerate(["0.0", "0.1", "0.25", "0.333", "1"]):
            np.testing.assert_allclose(table[f"q{name}_{ch}"], ref["q"][:, j, c], rtol=1e-12, atol=0,
                                       err_msg=f"q{name}_{ch}")
        for a, axis in enumerate("zyx"):
            np.testing.assert_allclose(table[f"wcenter_{axis}_{ch}"], ref["wcenter"][c][:, a], rtol=1e-9,
                                       atol=1e-12)
    bbox = table[[f"bbox_{m}_{a}" for m in ("min", "max") for a in "zyx"]]
    assert all(str(t) == "int64" for t in bbox.dtypes)
    np.testing.assert_array_equal(bbox.to_numpy(), ref["bbox"])
    np.testing.assert_allclose(table[["radius_0", "radius_1", "radius_2"]], ref["radii"], rtol=1e-9, atol=1e-9)
    check_axes(table, ref)


def check_axes(table, ref):
    """Eigenvectors where their eigenvalue is separated from the others (elsewhere any unit vector of
    the eigenspace is right)."""
    lam = ref["radii"] ** 2
    for r in range(len(table)):
        for i in range(3):
            others = [j for j in range(3) if j != i]
            if lam[r, 0] > 0 and min(abs(lam[r, i] - lam[r, j]) for j in others) <= 1e-6 * lam[r, 0]:
                continue
            got = table[[f"axis_{i}_{a}" for a in "zyx"]].to_numpy()[r]
            np.testing.assert_allclose(got, ref["axes"][r, i], atol=1e-9, err_msg=f"row {r} axis {i}")


def test_harpy_shaped_quantiles_and_axes_with_an_index():
    mask, image = blobs()
    agg = rasteragg.RasterAggregator(mask, image)
    index = np.array([41, 999, 3, 12345, -7])
    tables = agg.aggregate_quantiles(quantiles=(0.1, 0.9), index=index)
    assert len(tables) == 2
    present = index[np.isin(index, mask)]
    ref = reference(mask, image, present, [0.1, 0.9])
    for j, t in enumerate(tables):
        assert list(t.columns) == [0, 1, "cell_ID"]
        np.testing.assert_array_equal(t["cell_ID"], index)
        got = t[[0, 1]].to_numpy()
        np.testing.assert_allclose(got[np.isin(index, mask)], ref["q"][:, j, :], rtol=1e-12, atol=0)
        assert np.isnan(got[3]).all()  # label 12345 is absent
    axes = agg.radii_and_principal_axes(index=index)
    np.testing.assert_array_equal(axes["cell_ID"], index)
    np.testing.assert_allclose(axes[["radius_0", "radius_1", "radius_2"]].to_numpy()[np.isin(index, mask)],
                               ref["radii"], rtol=1e-9, atol=1e-9)
    assert np.isnan(axes.iloc[3][["radius_0", "axis_0_z"]].to_numpy(np.float64)).all()


def test_defaults_all_and_bad_quantiles():
    mask, image = blobs(channels=1)
    agg = rasteragg.RasterAggregator(mask, image)
    assert len(agg.aggregate_quantiles()) == 9  # harpy's 0.1, ..., 0.9
    every = agg.aggregate_all(stats="all", quantiles=[0.5, 0.75])
    assert {"std_0", "median_0", "q0.5_0", "q0.75_0", "bbox_max_x", "wcenter_y_0", "axis_2_x", "kurtosis_0"} <= \
        set(every.columns)
    assert "std_0" not in agg.aggregate_all().columns  # the default stays harpy's set
    with pytest.raises(ValueError, match="not in \\[0, 1\\]"):
        agg.aggregate_quantiles(quantiles=[1.5])
    with pytest.raises(ValueError, match="add 'quantiles'"):
        agg.aggregate_all(quantiles=[0.5])
