"""rasteragg.aggregate_sdata: the ``rasteragg stats`` job on a SpatialData store, from Python."""
from __future__ import annotations

import json
import os
from typing import Iterable, Sequence

from . import _jvm
from .aggregator import RasterAggError

# Exit codes of the command (README "Exit codes").
USAGE_ERROR = 2


def aggregate_sdata(path_or_sdata, labels_name: str, image_name: str, table_name: str = "table", *,
                    stats: Iterable[str] | None = None, quantiles: Sequence | None = None, channels: Sequence | None = None, index=None,
                    exclude_background: bool = False, mode: str = "mean", overwrite: bool = False, level: int = 0,
                    csv: str | os.PathLike | None = None, parquet: str | os.PathLike | None = None,
                    threads: int | None = None, max_memory: str | None = None) -> dict:
    """Computes per-label statistics of ``images/image_name`` over ``labels/labels_name`` of a
    SpatialData Zarr store and writes them into the store as the AnnData table ``tables/table_name``
    (harpy.tb.allocate_intensity's layout; see the README's "Output layout").

    :param path_or_sdata: the store's folder, or a SpatialData object backed by one (``sdata.path``)
    :param stats: statistic names (default harpy's set; "all": every statistic, those beyond harpy too);
        ``quantiles``: the quantiles of "quantiles" (default 0.1, ..., 0.9); ``channels``: names or indices
    :param index: labels to report, in this order; ``exclude_background`` drops label 0
    :param mode: what X holds, "mean" or "sum"; ``overwrite`` replaces an existing table
    :param csv: also write the wide table as CSV; ``parquet``: also as Parquet
    :param max_memory: a memory bound such as "2g" that the engine keeps to
    :returns: the run's summary (what ``rasteragg stats --json`` prints)
    :raises ValueError: for bad arguments (the command's usage errors)
    :raises RasterAggError: when the data cannot be read or written (naming the file)
    """
    args = ["stats", "--sdata", _store_path(path_or_sdata), "--labels-name", str(labels_name),
            "--image-name", str(image_name), "--table", str(table_name), "--mode", str(mode), "--level", str(level),
            "--json"]
    if stats is not None:
        args += ["--stats", ",".join(str(s) for s in stats)]
    if quantiles is not None:
        args += ["--quantiles", ",".join(q if isinstance(q, str) else repr(float(q)) for q in quantiles)]
    if channels is not None:
        args += ["--channels", ",".join(str(c) for c in channels)]
    if index is not None:
        args += ["--index", ",".join(str(int(i)) for i in index)]
    if exclude_background:
        args.append("--exclude-background")
    if overwrite:
        args.append("--overwrite")
    if csv is not None:
        args += ["--csv", os.fspath(csv)]
    if parquet is not None:
        args += ["--parquet", os.fspath(parquet)]
    if threads is not None:
        args += ["--threads", str(int(threads))]
    if max_memory is not None:
        args += ["--max-memory", str(max_memory)]
    return json.loads(run_command(args))


def _store_path(path_or_sdata) -> str:
    if isinstance(path_or_sdata, (str, os.PathLike)):
        return os.fspath(path_or_sdata)
    path = getattr(path_or_sdata, "path", None)
    if path is None:
        raise ValueError("the SpatialData object is not backed by a Zarr store (its path is None); write it "
                         "first with sdata.write(path), or pass the store's path")
    return os.fspath(path)


def run_command(args: Sequence[str]) -> str:
    """Runs the rasteragg command in this process's Java VM; returns what it printed on stdout.

    The one place that knows the command's Java entry point (org.rasteragg.cli.Main).

    :raises ValueError: exit code 2 (usage error), with the command's message
    :raises RasterAggError: any other non-zero exit code, with the command's message
    """
    jp = _jvm.ensure_started()
    Main = jp.JClass("org.rasteragg.cli.Main")
    Backend = jp.JClass("org.rasteragg.cli.io.ZarrBackend")
    Bytes = jp.JClass("java.io.ByteArrayOutputStream")
    Print = jp.JClass("java.io.PrintStream")
    out, err = Bytes(), Bytes()
    jargs = jp.JArray(jp.JString)([jp.JString(a) for a in args])
    code = int(Main.run(Backend(), Print(out, True, "UTF-8"), Print(err, True, "UTF-8"), False, jargs))
    stdout, stderr = str(out.toString("UTF-8")), str(err.toString("UTF-8"))
    if code != 0:
        lines = [line for line in stderr.splitlines() if line.strip()]
        message = lines[0] if lines else f"rasteragg {' '.join(args)} failed with exit code {code}"
        raise (ValueError if code == USAGE_ERROR else RasterAggError)(message)
    return stdout
