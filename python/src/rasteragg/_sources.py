"""Arrays from Python handed to the Java engine as org.rasteragg.core.array.ChunkedArray.

Three routes, best first:

- a dask array that is a plain read of a Zarr array on local disk (``dask.array.from_zarr``,
  possibly with axes of length 1 inserted by ``a[None]`` / ``a[:, None]``), or a zarr.Array itself:
  the engine opens the store and reads it (no Python in the loop);
- any other dask array: the engine asks for one chunk at a time, from its worker threads; each
  chunk is computed by dask then (its graph culled to that chunk) and copied once into the
  engine's buffer, never the whole array at once;
- a numpy array: served in slabs of whole rows, which are contiguous views, copied once.
"""
from __future__ import annotations

import operator
import os
import threading
from math import prod
from pathlib import Path

import numpy as np

# Element types the engine reads, by numpy name; other types are converted chunk by chunk.
ENGINE_TYPES = ("int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64")
CONVERTED_TYPES = {"bool": np.uint8, "float16": np.float32}
# Slabs served from a numpy array hold about this many elements.
NUMPY_SLAB_ELEMENTS = 1 << 22
# An edge chunk made of more contiguous runs than this is padded in numpy and copied in one go.
MAX_RUNS = 256


def engine_dtype(dtype, what: str) -> np.dtype:
    """The native-order dtype the engine reads for ``dtype``.

    :raises ValueError: for a type the engine cannot aggregate (complex, object, ...)
    """
    dt = np.dtype(dtype)
    name = dt.newbyteorder("=").name if dt.byteorder not in ("=", "|") else dt.name
    if name in ENGINE_TYPES:
        return np.dtype(name)
    if name in CONVERTED_TYPES:
        return np.dtype(CONVERTED_TYPES[name])
    raise ValueError(f"the {what} has dtype {dt}, which rasteragg cannot aggregate; supported: "
                     f"{', '.join(ENGINE_TYPES)} (bool and float16 are widened)")


def to_chunked_array(jpype, array, what: str):
    """The Java ChunkedArray for a dask, zarr or numpy array (see the module's doc)."""
    if not _is_dask(array) and _is_dask(getattr(array, "data", None)):
        array = array.data  # an xarray.DataArray over dask, as SpatialData elements are
    direct = _direct_zarr(jpype, array)
    if direct is not None:
        return direct
    if _is_dask(array):
        source = DaskChunks(array)
    elif _is_zarr(array):
        source = ZarrChunks(array)
    else:
        source = NumpyChunks(np.asarray(array))
    return python_chunked_array(jpype, source, what)


def _is_dask(a) -> bool:
    return hasattr(a, "__dask_graph__") and hasattr(a, "chunks")


def _is_zarr(a) -> bool:
    return type(a).__module__.startswith("zarr") and hasattr(a, "store") and hasattr(a, "chunks")


# ---------------------------------------------------------------- direct Zarr reads

def _direct_zarr(jpype, array):
    """The engine's own reader for a plain read of a local Zarr array, else None."""
    found = zarr_read_of(array) if _is_dask(array) else ((array, ()) if _is_zarr(array) else None)
    if found is None:
        return None
    z, inserted_axes = found
    location = local_zarr_location(z)
    if location is None:
        return None
    root, path = location
    Zarr = jpype.JClass("org.rasteragg.zarr.Zarr")
    Paths = jpype.JClass("java.nio.file.Path")
    try:
        ja = Zarr.open(Paths.of(str(root)), path)
    except jpype.JException:
        return None  # a layout or codec the engine does not read: dask reads it instead
    if tuple(int(s) for s in ja.shape()) != tuple(z.shape) or str(ja.dtype().numpyName()) != np.dtype(z.dtype).name:
        return None
    Inserted = jpype.JClass("org.rasteragg.core.array.InsertedAxisArray")
    for axis in inserted_axes:
        ja = Inserted(ja, axis)
    return ja


def zarr_read_of(array):
    """(zarr array, axes inserted in increasing order) when the dask array is exactly a Zarr array
    read by ``da.from_zarr``, optionally followed by one ``a[None, ...]``-style indexing that only
    inserts axes; else None."""
    graph = array.__dask_graph__()
    layers = getattr(graph, "layers", None)
    if layers is None:
        return None
    name = array.name
    inserted = ()
    if not name.startswith("from-zarr-"):
        deps = graph.dependencies.get(name, set())
        if len(deps) != 1:
            return None
        (source_name,) = deps
        inserted = _inserted_axes(layers[name], source_name)
        if inserted is None or not source_name.startswith("from-zarr-"):
            return None
        name = source_name
    allowed = {name, "original-" + name} | ({array.name} if inserted else set())
    if set(layers) - allowed:
        return None
    z = _zarr_in_layers(layers, name)
    if z is None:
        return None
    source_shape = tuple(z.shape)
    expected = list(source_shape)
    for axis in inserted:
        expected.insert(axis, 1)
    if tuple(array.shape) != tuple(expected) or np.dtype(array.dtype) != np.dtype(z.dtype):
        return None
    return z, inserted


def _inserted_axes(layer, source_name):
    """The output axes a getitem layer inserts, when every task is getitem(block, index) with only
    None and full slices; else None."""
    axes = None
    try:
        items = layer.items() if hasattr(layer, "items") else None
    except Exception:
        return None
    if items is None:
        return None
    for _key, task in items:
        if not (isinstance(task, tuple) and len(task) == 3 and _is_getitem(task[0])
                and isinstance(task[1], tuple) and task[1][:1] == (source_name,)):
            return None
        index = task[2]
        if not isinstance(index, tuple):
            return None
        found = []
        out_axis = 0
        for item in index:
            if item is None:
                found.append(out_axis)
            elif not (isinstance(item, slice) and item == slice(None)):
                return None
            out_axis += 1
        if axes is None:
            axes = tuple(found)
        elif axes != tuple(found):
            return None
    return axes if axes else None


def _is_getitem(f) -> bool:
    """operator.getitem or dask.array.chunk.getitem (the same indexing, copying views)."""
    return f is operator.getitem or (getattr(f, "__name__", "") == "getitem"
                                     and getattr(f, "__module__", "") == "dask.array.chunk")


def _zarr_in_layers(layers, name):
    original = layers.get("original-" + name)
    if original is not None:
        for value in original.values():
            if _is_zarr(value):
                return value
        return None
    # inline_array=True: the zarr array is an argument of each task
    for task in layers[name].values() if hasattr(layers[name], "values") else ():
        if isinstance(task, tuple):
            for arg in task[1:]:
                if _is_zarr(arg):
                    return arg
        break
    return None


def local_zarr_location(z):
    """(store folder, array path) of a zarr.Array on the local file system, else None."""
    stores = [getattr(z, "chunk_store", None), getattr(z, "store", None)]
    roots = set()
    for store in stores:
        if store is None:
            continue
        root = _store_folder(store)
        if root is None:
            return None
        roots.add(root)
    if len(roots) != 1:
        return None
    path = getattr(z, "path", "") or ""
    if not isinstance(path, str):
        return None
    return roots.pop(), path.strip("/")


def _store_folder(store):
    kind = type(store).__name__
    if kind in ("DirectoryStore", "NestedDirectoryStore"):  # zarr-python 2
        return Path(os.path.abspath(store.path))
    if kind == "LocalStore":  # zarr-python 3
        return Path(os.path.abspath(str(store.root)))
    if kind == "FSStore":
        fs = getattr(store, "fs", None)
        protocol = getattr(fs, "protocol", None)
        protocols = (protocol,) if isinstance(protocol, str) else tuple(protocol or ())
        if "file" in protocols or "local" in protocols:
            return Path(os.path.abspath(store.path))
    if kind in ("ConsolidatedMetadataStore", "ConsolidatedStoreV2") and hasattr(store, "store"):
        return _store_folder(store.store)
    return None


# ---------------------------------------------------------------- chunks from Python

class ChunkSource:
    """A regular chunk grid over an array whose chunks Python produces.

    Subclasses give ``shape``, ``chunks`` (the regular chunk shape), ``dtype`` (numpy, native,
    as the engine reads it), ``description`` and ``block(index) -> numpy array`` of the chunk's
    part inside the array. Thread-safe: the engine's workers call ``block`` concurrently.
    """

    shape: tuple
    chunks: tuple
    dtype: np.dtype
    description: str

    def block(self, index: tuple) -> np.ndarray:
        raise NotImplementedError

    def valid_shape(self, index):
        return tuple(min(c, s - i * c) for i, c, s in zip(index, self.chunks, self.shape))


class DaskChunks(ChunkSource):
    """A dask array's blocks, each computed on request from its culled graph."""

    def __init__(self, array):
        if any(np.isnan(c) for dim in array.chunks for c in dim):
            raise ValueError(f"the dask array {array.name} has unknown chunk sizes {array.chunks}; call "
                             "compute_chunk_sizes() on it first")
        import dask

        if not _regular(array.chunks):
            array = array.rechunk(array.chunksize)
        self.shape = tuple(int(s) for s in array.shape)
        self.chunks = tuple(int(c) for c in array.chunksize) if array.size else tuple(1 for _ in array.shape)
        self._source_dtype = np.dtype(array.dtype)
        self.dtype = engine_dtype(array.dtype, "array")
        self.description = f"dask array {array.name} {self.shape} chunks {self.chunks}"
        (optimized,) = dask.optimize(array)
        self._graph = dict(optimized.__dask_graph__())
        self._name = optimized.name

    def block(self, index):
        from dask.core import get
        from dask.optimization import cull

        key = (self._name, *index)
        culled, _ = cull(self._graph, [key])
        return np.asarray(get(culled, key))


def _regular(chunks) -> bool:
    """Whether every chunk along each axis but the last one has the same size."""
    for dim in chunks:
        if len(dim) > 1 and (len(set(dim[:-1])) != 1 or dim[-1] > dim[0]):
            return False
    return True


class ZarrChunks(ChunkSource):
    """A zarr.Array that the engine cannot open itself (remote or zip store, unknown codec)."""

    def __init__(self, z):
        self._z = z
        self.shape = tuple(int(s) for s in z.shape)
        self.chunks = tuple(int(c) for c in z.chunks)
        self.dtype = engine_dtype(z.dtype, "array")
        self.description = f"zarr array {getattr(z, 'path', '')} {self.shape} chunks {self.chunks}"

    def block(self, index):
        return np.asarray(self._z[tuple(slice(i * c, min((i + 1) * c, s))
                                        for i, c, s in zip(index, self.chunks, self.shape))])


class NumpyChunks(ChunkSource):
    """A numpy array in slabs of whole trailing rows (contiguous views of a C-order array)."""

    def __init__(self, a: np.ndarray):
        self._a = a
        self.shape = tuple(int(s) for s in a.shape)
        self.dtype = engine_dtype(a.dtype, "array")
        chunks = [1] * a.ndim
        if a.ndim:
            chunks[-1] = max(1, self.shape[-1])
            if a.ndim >= 2:
                chunks[-2] = int(max(1, min(self.shape[-2], NUMPY_SLAB_ELEMENTS // chunks[-1])))
        self.chunks = tuple(chunks)
        self.description = f"numpy {a.dtype} array {self.shape}"

    def block(self, index):
        return self._a[tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(index, self.chunks, self.shape))]


def python_chunked_array(jpype, source: ChunkSource, what: str):
    """A JPype proxy implementing ChunkedArray over ``source``, with the first Python error of a
    chunk read kept on it (``proxy_errors``) so that the caller can raise it rather than Java's copy."""
    from jpype import JImplements, JOverride

    DType = jpype.JClass("org.rasteragg.core.array.DType")
    ChunkGrid = jpype.JClass("org.rasteragg.core.array.ChunkGrid")
    ByteOrder = jpype.JClass("java.nio.ByteOrder")
    JLongArray = jpype.JArray(jpype.JLong)
    JIntArray = jpype.JArray(jpype.JInt)
    from jpype.nio import convertToDirectBuffer

    jdtype = DType.fromNumpyName(source.dtype.name)
    grid = ChunkGrid(JLongArray(list(source.shape)), JIntArray(list(source.chunks)))
    view_of = {1: lambda b: b, 2: lambda b: b.asShortBuffer()}
    if source.dtype.kind == "f":
        view_of.update({4: lambda b: b.asFloatBuffer(), 8: lambda b: b.asDoubleBuffer()})
    else:
        view_of.update({4: lambda b: b.asIntBuffer(), 8: lambda b: b.asLongBuffer()})
    as_view = view_of[source.dtype.itemsize]
    native = ByteOrder.nativeOrder()
    description = jpype.JString(f"{what}: {source.description}")
    errors: list = []
    chunk_shape = source.chunks

    @JImplements("org.rasteragg.core.array.ChunkedArray")
    class PythonChunkedArray:
        proxy_errors = errors

        @JOverride
        def dtype(self):
            return jdtype

        @JOverride
        def grid(self):
            return grid

        @JOverride
        def shape(self):
            return grid.shape()

        @JOverride
        def chunkShape(self):
            return grid.chunkShape()

        @JOverride
        def ndim(self):
            return len(chunk_shape)

        @JOverride
        def description(self):
            return description

        @JOverride
        def readChunk(self, position, destination):
            index = tuple(int(p) for p in position)
            try:
                block = source.block(index)
                valid = source.valid_shape(index)
                if tuple(block.shape) != valid:
                    raise ValueError(f"chunk {index} of {source.description} has shape {block.shape}, "
                                     f"expected {valid}")
                _copy_into(block, valid, destination)
            except BaseException as e:
                errors.append((index, e))
                raise

    def _copy_into(block, valid, destination):
        block = np.ascontiguousarray(block, dtype=source.dtype)
        if not block.flags.writeable:  # JPype wraps only writable memory
            block = block.copy()
        if block.size == 0:
            return
        view = as_view(convertToDirectBuffer(block.reshape(-1).view(np.uint8)).order(native))
        if valid == chunk_shape:
            view.get(0, destination, 0, block.size)
            return
        axis = max(d for d in range(len(valid)) if valid[d] != chunk_shape[d])
        runs = prod(valid[:axis])
        if runs > MAX_RUNS:
            padded = np.zeros(chunk_shape, dtype=source.dtype)
            padded[tuple(slice(0, v) for v in valid)] = block
            as_view(convertToDirectBuffer(padded.reshape(-1).view(np.uint8)).order(native)).get(
                0, destination, 0, padded.size)
            return
        run = valid[axis] * prod(chunk_shape[axis + 1:])
        dest_strides = [prod(chunk_shape[d + 1:]) for d in range(axis)]
        for n, outer in enumerate(np.ndindex(*valid[:axis])):
            offset = sum(i * s for i, s in zip(outer, dest_strides))
            view.get(n * run, destination, offset, run)

    return PythonChunkedArray()


def first_error(*arrays):
    """The first Python exception a chunk read raised in any of these proxies, or None."""
    for a in arrays:
        errs = getattr(a, "proxy_errors", None)
        if errs:
            return errs[0]
    return None
