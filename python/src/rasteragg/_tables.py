"""Java result tables (org.rasteragg.core.table.StatTable) as pandas DataFrames in harpy's layout."""
from __future__ import annotations

import numpy as np
import pandas as pd


def to_frame(jpype, table, instance_key: str, label_dtype: np.dtype) -> pd.DataFrame:
    """The DataFrame of a StatTable: one column per Java column, in order.

    Column names that are channel or axis numbers ("0", "1") become integers, as harpy's frames
    (built from numpy matrices) have them. Types: int64 for counts; the label dtype for the instance
    key; float64 for computed statistics; the image dtype for min and max (the type their values
    are exact in; int64 and uint64 ones come exact from Java's long columns).
    """
    LongColumn = jpype.JClass("org.rasteragg.core.table.LongColumn")
    data = {}
    for column in table.columns():
        name = str(column.name())
        values = np.array(column.values())
        if isinstance(column, LongColumn):
            values = values.astype(np.int64, copy=False)
            if column.unsigned():  # the exact min and max of a uint64 image: raw bits
                values = values.view(np.uint64)
        else:
            exact_in = np.dtype(str(column.valueType().numpyName()))
            if exact_in != np.float64 and not np.isnan(values).any():
                values = _cast_exact(values, exact_in)
        if name == instance_key:
            values = values.astype(label_dtype, copy=False)
        data[int(name) if name.isdigit() else name] = values
    return pd.DataFrame(data)


def _cast_exact(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """float64 values of min or max in their own dtype. The int64 and uint64 sentinels of absent
    labels (the type's largest and smallest values) are not exact in float64: they round to 2^63
    or 2^64, which would wrap when cast, so the type's own limits are put there."""
    if dtype.kind not in "iu":
        return values.astype(dtype)
    info = np.iinfo(dtype)
    with np.errstate(invalid="ignore"):  # the sentinels, overwritten below
        out = values.astype(dtype)
    out[values >= float(info.max)] = info.max
    out[values <= float(info.min)] = info.min
    return out
