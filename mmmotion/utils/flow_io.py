"""Middlebury ``.flo`` optical-flow files (Baker et al., IJCV 2011).

The format: the float32 magic 202021.25 (the bytes ``PIEH``), int32 width,
int32 height, then ``height x width`` pairs of float32 ``(u, v)``, row by
row, all little-endian. Flow in pixels from frame t to frame t+1; a
component above 1e9 marks unknown flow (FlyingChairs and Middlebury ship
such files).
"""
import os
import os.path as osp

import numpy as np

from mmmotion.datasets.errors import BadSampleError
from .atomic_io import atomic_path

FLO_MAGIC = 202021.25
# components above this mark unknown flow (Middlebury's UNKNOWN_FLOW_THRESH)
UNKNOWN_FLOW = 1e9
_HEADER = 12  # magic, width, height
# larger sides are taken for a corrupt header, not for a real flow field
_MAX_SIDE = 1 << 16


def read_flo(path: str) -> np.ndarray:
    """Read a ``.flo`` file.

    Args:
        path (str): The file.

    Returns:
        np.ndarray: ``float32 (H, W, 2)``, ``(u, v)`` in pixels, unknown flow
        left as stored (see :func:`valid_flow_mask`).

    Raises:
        BadSampleError: naming the file, when it cannot be read, its magic is
            not 202021.25, its size is not that of its header's width and
            height.
    """
    try:
        size = os.path.getsize(path)
        with open(path, 'rb') as f:
            header = f.read(_HEADER)
            if len(header) < _HEADER:
                raise BadSampleError(
                    f'{path}: {size} bytes, too short for a .flo header '
                    f'({_HEADER} bytes)')
            magic = np.frombuffer(header[:4], '<f4')[0]
            if magic != np.float32(FLO_MAGIC):
                raise BadSampleError(
                    f'{path}: bad .flo magic {header[:4]!r} (expected the '
                    f'float32 {FLO_MAGIC}, bytes {b"PIEH"!r}): not a .flo '
                    'file')
            w, h = (int(x) for x in np.frombuffer(header[4:], '<i4'))
            if not (0 < w <= _MAX_SIDE and 0 < h <= _MAX_SIDE):
                raise BadSampleError(
                    f'{path}: bad .flo size {w} x {h} in the header')
            expected = _HEADER + 8 * w * h
            if size != expected:
                raise BadSampleError(
                    f'{path}: {size} bytes, but a {w} x {h} .flo file has '
                    f'{expected} (truncated or not a .flo file)')
            data = np.frombuffer(f.read(), '<f4')
    except OSError as e:
        raise BadSampleError(f'{path}: cannot read the file ({e})') from e
    return data.reshape(h, w, 2).astype(np.float32)


def write_flo(path: str, flow: np.ndarray) -> None:
    """Write a ``.flo`` file atomically (a kill mid-way leaves no partial
    file).

    Args:
        path (str): The file to write; its folder is created.
        flow (np.ndarray): ``(H, W, 2)`` flow, ``(u, v)`` in pixels (unknown
            flow as values above 1e9).
    """
    flow = np.asarray(flow)
    if flow.ndim != 3 or flow.shape[2] != 2 or 0 in flow.shape:
        raise ValueError(f'flow must be H x W x 2, got shape {flow.shape}')
    h, w = flow.shape[:2]
    with atomic_path(path) as tmp:
        with open(tmp, 'wb') as f:
            f.write(np.array([FLO_MAGIC], '<f4').tobytes())
            f.write(np.array([w, h], '<i4').tobytes())
            f.write(np.ascontiguousarray(flow, '<f4').tobytes())
    assert osp.getsize(path) == _HEADER + 8 * w * h


def valid_flow_mask(flow: np.ndarray) -> np.ndarray:
    """Where the flow is known.

    Args:
        flow (np.ndarray): ``(H, W, 2)`` flow, as :func:`read_flo` returns it.

    Returns:
        np.ndarray: ``bool (H, W)``, False where a component is above 1e9 in
        magnitude or not finite.
    """
    flow = np.asarray(flow)
    return (np.isfinite(flow) & (np.abs(flow) <= UNKNOWN_FLOW)).all(-1)
