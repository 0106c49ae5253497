"""rasteragg: per-label statistics of huge images on dask arrays, a drop-in for harpy's RasterAggregator.

    from rasteragg import RasterAggregator      # instead of: from harpy.utils import RasterAggregator
    df_mean, df_area = RasterAggregator(mask, image).aggregate_stats(stats_funcs=("mean", "count"))

The engine runs in an in-process Java VM (JPype), started on first use; ``configure`` sets its heap
bound before that.
"""
from ._jvm import JavaNotFoundError, JVMStartError, configure
from .aggregator import RasterAggError, RasterAggregator
from .sdata import aggregate_sdata

__all__ = ["RasterAggregator", "aggregate_sdata", "configure", "RasterAggError", "JavaNotFoundError",
           "JVMStartError"]
__version__ = "0.1.0"
