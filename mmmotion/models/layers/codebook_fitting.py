"""Fitting motion codebooks and their ``.npz`` files (NumPy, no ``nn``).

Luo et al., "Unsupervised Learning of Long-Term Motion Dynamics for Videos",
CVPR 2017 (https://arxiv.org/abs/1701.01821): one of the paper's three
codebooks is fitted by k-means on the training patch flows. Ours
(``docs/methods.md`` section 2.2): :func:`fit_kmeans_codebook` (k-means++
initialisation, then Lloyd iterations, seeded; codewords sorted by decreasing
frequency), written by :func:`save_codebook` and read by
:func:`load_codebook`, which ``KMeansCodebook`` and ``LearnableCodebook``
(:mod:`mmmotion.models.layers.motion_codebook`) use;
``tools/data/fit_codebook.py`` fits one on a config's targets.
"""
import os.path as osp
from typing import Dict, Optional, Tuple

import numpy as np

from mmmotion.utils.atomic_io import atomic_path

# Distance-matrix entries computed at once by the k-means fit.
_CHUNK_ELEMENTS = 1 << 22


def fit_kmeans_codebook(vectors: np.ndarray,
                        k: int,
                        seed: int = 0,
                        iters: int = 100,
                        tol: float = 1e-6,
                        max_points: Optional[int] = None
                        ) -> Tuple[np.ndarray, np.ndarray]:
    """Fit K codewords to patch flows with k-means (NumPy).

    Ours: k-means++ initialisation (Arthur and Vassilvitskii, 2007) from a
    seeded generator, then Lloyd iterations until no centre moves more than
    ``tol`` times the data's standard deviation or ``iters`` is reached; an
    empty cluster is re-seeded with the point farthest from its centre.
    Codewords are returned sorted by decreasing frequency.

    Args:
        vectors (np.ndarray): ``(M, D)`` patch flows (e.g.
            :func:`mmmotion.utils.scene_flow.patch_mean` outputs, flattened).
        k (int): Number of codewords K.
        seed (int): Seed of the initialisation and of the subsample.
            Defaults to 0.
        iters (int): Most Lloyd iterations. Defaults to 100.
        tol (float): Convergence threshold, relative to the data's spread.
            Defaults to 1e-6.
        max_points (int, optional): Fit on a random subsample of this many
            vectors (the frequencies are still counted over all of them).
            Defaults to None (all vectors).

    Returns:
        tuple: codewords ``float32 (K, D)`` and frequencies ``float64 (K,)``
        (fraction of ``vectors`` nearest to each codeword; sums to 1).
    """
    x = np.asarray(vectors, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] < 1:
        raise ValueError(f'vectors must be (M, D), got shape {x.shape}')
    if not np.isfinite(x).all():
        raise ValueError('vectors hold NaN or inf values')
    if int(k) != k or k < 1:
        raise ValueError(f'k must be a positive integer, got {k}')
    k = int(k)
    rng = np.random.default_rng(seed)
    fit = x
    if max_points is not None and x.shape[0] > max_points:
        fit = x[rng.choice(x.shape[0], int(max_points), replace=False)]
    n_distinct = np.unique(fit, axis=0).shape[0]
    if n_distinct < k:
        raise ValueError(
            f'cannot fit {k} codewords to {fit.shape[0]} vectors with only '
            f'{n_distinct} distinct values; use fewer codewords or more data')

    # k-means++ initialisation.
    centres = np.empty((k, x.shape[1]))
    centres[0] = fit[rng.integers(fit.shape[0])]
    d2 = ((fit - centres[0])**2).sum(1)
    for j in range(1, k):
        centres[j] = fit[rng.choice(fit.shape[0], p=d2 / d2.sum())]
        d2 = np.minimum(d2, ((fit - centres[j])**2).sum(1))

    scale = max(float(fit.std()), 1e-12)
    for _ in range(iters):
        labels, dist = _nearest(fit, centres)
        new = np.zeros_like(centres)
        counts = np.bincount(labels, minlength=k)
        for d in range(x.shape[1]):
            new[:, d] = np.bincount(labels, weights=fit[:, d], minlength=k)
        nonempty = counts > 0
        new[nonempty] /= counts[nonempty, None]
        for j in np.flatnonzero(~nonempty):
            far = int(dist.argmax())
            new[j] = fit[far]
            dist[far] = -1.
        shift = np.sqrt(((new - centres)**2).sum(1)).max()
        centres = new
        if shift <= tol * scale:
            break

    labels, _ = _nearest(x, centres)
    freqs = np.bincount(labels, minlength=k) / x.shape[0]
    order = np.argsort(-freqs, kind='stable')
    return centres[order].astype(np.float32), freqs[order]


def _nearest(x: np.ndarray,
             centres: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Index of and squared distance to the nearest centre, in chunks."""
    labels = np.empty(x.shape[0], dtype=np.int64)
    dist = np.empty(x.shape[0])
    c2 = (centres**2).sum(1)
    step = max(1, (_CHUNK_ELEMENTS >> 2) // centres.shape[0])
    for i in range(0, x.shape[0], step):
        xi = x[i:i + step]
        d = xi @ (-2 * centres.T)
        d += c2
        lab = d.argmin(1)
        labels[i:i + step] = lab
        dist[i:i + step] = np.maximum(
            np.take_along_axis(d, lab[:, None], 1)[:, 0] + (xi**2).sum(1), 0)
    return labels, dist


def save_codebook(path: str,
                  codewords: np.ndarray,
                  freqs: Optional[np.ndarray] = None,
                  **extra: np.ndarray) -> None:
    """Write a codebook ``.npz`` atomically (keys ``codewords``, ``freqs``).

    Args:
        path (str): Target file (``.npz`` by convention).
        codewords (np.ndarray): ``(K, D)`` codewords.
        freqs (np.ndarray, optional): ``(K,)`` codeword frequencies.
            Defaults to None (not stored).
        **extra (np.ndarray): More arrays to store with them (e.g.
            ``patch=8``), read back as :attr:`KMeansCodebook.meta`.
    """
    codewords = np.asarray(codewords, dtype=np.float32)
    if codewords.ndim != 2:
        raise ValueError(
            f'codewords must be (K, D), got shape {codewords.shape}')
    arrays = dict(extra, codewords=codewords)
    if freqs is not None:
        freqs = np.asarray(freqs, dtype=np.float64)
        if freqs.shape != (codewords.shape[0], ):
            raise ValueError(f'{codewords.shape[0]} codewords but freqs has '
                             f'shape {freqs.shape}')
        arrays['freqs'] = freqs
    with atomic_path(path) as tmp:
        # A file object: np.savez would append '.npz' to a path.
        with open(tmp, 'wb') as f:
            np.savez(f, **arrays)


def load_codebook(path: str) -> Tuple[np.ndarray, Optional[np.ndarray], Dict]:
    """Read a file written by :func:`save_codebook`.

    Args:
        path (str): The codebook ``.npz`` file.

    Returns:
        tuple: codewords ``(K, D)``, frequencies ``(K,)`` or ``None``, and a
        dict of the other arrays stored.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(
            f'motion codebook file {path} does not exist: fit one on the '
            'training patch flows with mmmotion.models.layers.'
            'codebook_fitting.fit_kmeans_codebook and save_codebook (the '
            'codebook fitting / flow precompute tool), or point the config at '
            'the right file')
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except Exception as e:
        raise ValueError(f'{path}: cannot read motion codebook '
                         f'({type(e).__name__}: {e})') from e
    if 'codewords' not in arrays:
        raise ValueError(f'{path}: no "codewords" array (has '
                         f'{sorted(arrays)}); not a motion codebook file')
    codewords = arrays.pop('codewords')
    freqs = arrays.pop('freqs', None)
    if codewords.ndim != 2:
        raise ValueError(f'{path}: codewords must be (K, D), got shape '
                         f'{codewords.shape}')
    return codewords, freqs, arrays
