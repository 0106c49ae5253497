"""Java result tables (org.rasteragg.core.table.StatTable) as pandas DataFrames in harpy's layout."""
from __future__ import annotations

import numpy as np
import pandas as pd


def to_frame(jpype, table, instance_key: str, label_dtype: np.dtype) -> pd.DataFrame:
    """The DataFrame of a StatTable: one column per Java column, in order.

    Column names that are channel or axis numbers ("0", "1") become integers, as harpy's frames
    (built from numpy matrices) have them. Types: int64 for counts; the label dtype for the instance
    key; float64 for computed statistics; the image dtype for min and max (the type their values
    are exact in).
    """
    LongColumn = jpype.JClass("org.rasteragg.core.table.LongColumn")
    data = {}
    for column in table.columns():
        name = str(column.name())
        values = np.array(column.values())
        if isinstance(column, LongColumn):
            values = values.astype(np.int64, copy=False)
        else:
            exact_in = np.dtype(str(column.valueType().numpyName()))
            if exact_in != np.float64 and not np.isnan(values).any():
                values = values.astype(exact_in)
        if name == instance_key:
            values = values.astype(label_dtype, copy=False)
        data[int(name) if name.isdigit() else name] = values
    return pd.DataFrame(data)
