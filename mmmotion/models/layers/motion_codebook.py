"""Motion codebooks: quantised patch flows for atomic 3D flow prediction.

Luo et al., "Unsupervised Learning of Long-Term Motion Dynamics for Videos",
CVPR 2017 (https://arxiv.org/abs/1701.01821). Paper: every non-overlapping
patch of the flow field is predicted as a distribution over a codebook of K
motions (turning regression into classification); the codebook is uniform,
k-means or learnable; the cross-entropy is rebalanced with weights
``w_k ~ ((1 - lambda) p_k + lambda / K)^-1`` scaled so that
``sum_k p_k w_k = 1``, ``p`` the empirical codeword distribution (the
loss, ``RebalancedCrossEntropyLoss``, takes ``p`` from a codebook file's
``freqs`` or :meth:`MotionCodebook.estimate_frequencies`).

Ours (``docs/methods.md`` section 2.2):

- nearest codeword by Euclidean distance (ties: the lower index);
- :class:`UniformCodebook`: a product grid over given ranges, codewords at the
  bin centres;
- :class:`KMeansCodebook`: codewords (and their frequencies) read from a
  ``.npz`` file written by :func:`~.codebook_fitting.fit_kmeans_codebook` and
  :func:`~.codebook_fitting.save_codebook` (k-means++ initialisation, then
  Lloyd iterations, seeded; codewords sorted by decreasing frequency);
- :class:`LearnableCodebook`: codewords are a parameter initialised from a
  k-means file or a uniform grid and trained so that the expected codeword
  under the predicted distribution reconstructs the patch flow
  (:meth:`LearnableCodebook.reconstruction_loss`).
"""
from typing import Optional, Sequence, Union

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmmotion.registry import MODELS
from .codebook_fitting import load_codebook

# Distance-matrix entries computed at once by quantize.
_CHUNK_ELEMENTS = 1 << 22


class MotionCodebook(nn.Module):
    """Base class: K codewords of dimension D, and the maps to and from them.

    Args:
        codewords (Tensor or np.ndarray): ``(K, D)`` codewords.
        freqs (Tensor or np.ndarray, optional): ``(K,)`` frequency of each
            codeword in the data it was fitted on (the paper's ``p``, for the
            rebalanced loss). Defaults to None.
        learnable (bool): Store the codewords as an ``nn.Parameter`` instead
            of a buffer. Defaults to False.
    """

    def __init__(self,
                 codewords: Union[Tensor, np.ndarray],
                 freqs: Optional[Union[Tensor, np.ndarray]] = None,
                 learnable: bool = False) -> None:
        super().__init__()
        cw = torch.as_tensor(codewords).detach().clone().float()
        if cw.dim() != 2 or cw.shape[0] < 1 or cw.shape[1] < 1:
            raise ValueError(
                f'codewords must be (K, D), got shape {tuple(cw.shape)}')
        if not torch.isfinite(cw).all():
            raise ValueError('codewords hold NaN or inf values')
        if learnable:
            self.codewords = nn.Parameter(cw)
        else:
            self.register_buffer('codewords', cw)
        if freqs is not None:
            freqs = torch.as_tensor(freqs).detach().clone().float()
            if freqs.shape != (cw.shape[0], ):
                raise ValueError(
                    f'{cw.shape[0]} codewords but freqs has shape '
                    f'{tuple(freqs.shape)}')
        self.register_buffer('freqs', freqs)

    @property
    def num_codewords(self) -> int:
        """K."""
        return self.codewords.shape[0]

    @property
    def dim(self) -> int:
        """D: 2 for ``(dx, dy)``, 3 for ``(dx, dy, dz)``."""
        return self.codewords.shape[1]

    def _check_vectors(self, vectors: Tensor) -> None:
        if vectors.dim() < 1 or vectors.shape[-1] != self.dim:
            raise ValueError(
                f'vectors must be (..., {self.dim}) for a codebook of '
                f'dimension {self.dim}, got shape {tuple(vectors.shape)}')

    @torch.no_grad()
    def quantize(self, vectors: Tensor) -> Tensor:
        """Index of the nearest codeword (Euclidean) of each vector.

        Args:
            vectors (Tensor): ``(..., D)`` motions.

        Returns:
            Tensor: ``long (...)`` indices in ``[0, K)``.
        """
        vectors = torch.as_tensor(vectors)
        self._check_vectors(vectors)
        lead = vectors.shape[:-1]
        dtype = torch.promote_types(vectors.dtype, self.codewords.dtype)
        if not dtype.is_floating_point:
            dtype = self.codewords.dtype
        flat = vectors.reshape(-1, self.dim).to(self.codewords.device, dtype)
        cw = self.codewords.detach().to(dtype)
        out = torch.empty(flat.shape[0], dtype=torch.long, device=cw.device)
        step = max(1, _CHUNK_ELEMENTS // self.num_codewords)
        for i in range(0, flat.shape[0], step):
            d = torch.cdist(
                flat[i:i + step],
                cw,
                compute_mode='donot_use_mm_for_euclid_dist')
            out[i:i + step] = d.argmin(dim=1)
        return out.view(lead)

    def decode(self, indices: Tensor) -> Tensor:
        """Codewords of the given indices.

        Args:
            indices (Tensor): Integer ``(...)`` in ``[0, K)``.

        Returns:
            Tensor: ``(..., D)`` codewords.
        """
        indices = torch.as_tensor(indices, device=self.codewords.device)
        if indices.dtype.is_floating_point or indices.dtype == torch.bool:
            raise ValueError(
                f'indices must be an integer tensor, got {indices.dtype}')
        if indices.numel() and (indices.min() < 0
                                or indices.max() >= self.num_codewords):
            raise ValueError(
                f'codeword indices must be in [0, {self.num_codewords}), got '
                f'[{int(indices.min())}, {int(indices.max())}]')
        return self.codewords[indices.long()]

    def expected(self, probs: Tensor) -> Tensor:
        """Expected motion under a predicted distribution: sum_k p_k c_k.

        Differentiable in ``probs`` and (for a learnable codebook) in the
        codewords.

        Args:
            probs (Tensor): ``(N, K, ...)`` probabilities over the codewords
                (a softmax over dim 1).

        Returns:
            Tensor: ``(N, D, ...)`` expected motions.
        """
        if probs.dim() < 2 or probs.shape[1] != self.num_codewords:
            raise ValueError(
                f'probs must be (N, {self.num_codewords}, ...) for a codebook '
                f'of {self.num_codewords} codewords, got shape '
                f'{tuple(probs.shape)}')
        return torch.einsum('nk...,kd->nd...', probs,
                            self.codewords.to(probs.dtype))

    @torch.no_grad()
    def estimate_frequencies(self, vectors: Tensor) -> Tensor:
        """Fraction of ``vectors`` (``(..., D)``) nearest to each codeword.

        Args:
            vectors (Tensor): ``(..., D)`` motions.

        Returns:
            Tensor: ``float32 (K,)``, summing to 1 (the paper's ``p``).
        """
        idx = self.quantize(vectors).flatten()
        if idx.numel() == 0:
            raise ValueError('no vectors to estimate frequencies from')
        counts = torch.bincount(idx, minlength=self.num_codewords)
        return (counts.double() / idx.numel()).float()

    def extra_repr(self) -> str:
        return f'num_codewords={self.num_codewords}, dim={self.dim}'


def uniform_codewords(dim: int, bins_per_dim: Union[int, Sequence[int]],
                      ranges: Sequence[Sequence[float]]) -> Tensor:
    """Bin centres of a uniform grid over ``ranges``; the last axis fastest.

    Args:
        dim (int): Dimension D of the codewords.
        bins_per_dim (int or Sequence[int]): Bins on every dimension, or one
            count per dimension.
        ranges (Sequence[Sequence[float]]): ``(min, max)`` per dimension, in
            the flow's units.

    Returns:
        Tensor: ``float32 (prod(bins), dim)``.
    """
    if int(dim) != dim or dim < 1:
        raise ValueError(f'dim must be a positive integer, got {dim}')
    if ranges is None:
        raise ValueError(
            f'ranges is required: one (min, max) per dimension ({dim}), in '
            'the flow\'s units (pixels for dx, dy; depth units for dz)')
    if isinstance(bins_per_dim, int):
        bins_per_dim = [bins_per_dim] * dim
    bins_per_dim = [int(b) for b in bins_per_dim]
    ranges = [tuple(float(v) for v in r) for r in ranges]
    if len(bins_per_dim) != dim or len(ranges) != dim:
        raise ValueError(
            f'a {dim}-D codebook needs {dim} bin counts and {dim} ranges, got '
            f'bins_per_dim={bins_per_dim} and ranges={ranges}')
    axes = []
    for d, (b, r) in enumerate(zip(bins_per_dim, ranges)):
        if b < 1:
            raise ValueError(f'bins_per_dim[{d}] must be >= 1, got {b}')
        if len(r) != 2 or not r[1] > r[0]:
            raise ValueError(
                f'ranges[{d}] must be (min, max) with max > min, got {r}')
        width = (r[1] - r[0]) / b
        axes.append(r[0] + width *
                    (torch.arange(b, dtype=torch.float64) + 0.5))
    grid = torch.meshgrid(*axes, indexing='ij')
    return torch.stack([g.reshape(-1) for g in grid], dim=1).float()


@MODELS.register_module()
class UniformCodebook(MotionCodebook):
    """A uniform grid of motions (paper: one of the three codebooks).

    Ours: ``K = prod(bins_per_dim)`` codewords at the bin centres of a grid
    over ``ranges`` (codeword ``i`` enumerates the grid with the last
    dimension fastest); motions outside the ranges go to the nearest border
    bin.

    Args:
        dim (int): 2 for ``(dx, dy)`` or 3 for ``(dx, dy, dz)``.
            Defaults to 2.
        bins_per_dim (int or Sequence[int]): Bins on every dimension, or one
            count per dimension. Defaults to 5.
        ranges (Sequence[Sequence[float]], optional): ``(min, max)`` per
            dimension, in the flow's units. Required: None (the default) is
            refused with a ``ValueError``. Defaults to None.
    """

    def __init__(self,
                 dim: int = 2,
                 bins_per_dim: Union[int, Sequence[int]] = 5,
                 ranges: Optional[Sequence[Sequence[float]]] = None) -> None:
        super().__init__(uniform_codewords(dim, bins_per_dim, ranges))
        self.bins_per_dim = ([int(bins_per_dim)] * dim if isinstance(
            bins_per_dim, int) else [int(b) for b in bins_per_dim])
        self.ranges = [tuple(float(v) for v in r) for r in ranges]


def _check_size(path: str, codewords: np.ndarray, num_codewords: Optional[int],
                dim: Optional[int]) -> None:
    k, d = codewords.shape
    if num_codewords is not None and k != num_codewords:
        raise ValueError(
            f'{path} holds {k} codewords but num_codewords={num_codewords} '
            'was expected (the classifier head has that many classes): refit '
            'the codebook or change num_codewords')
    if dim is not None and d != dim:
        raise ValueError(
            f'{path} holds {d}-D codewords but dim={dim} was expected '
            '(2 for (dx, dy), 3 for (dx, dy, dz))')


@MODELS.register_module()
class KMeansCodebook(MotionCodebook):
    """Codewords fitted by k-means on patch flows (paper: one of the three).

    Ours: read from a ``.npz`` written by
    :func:`~.codebook_fitting.fit_kmeans_codebook` and
    :func:`~.codebook_fitting.save_codebook`; the codewords are a buffer, so
    checkpoints carry them.

    Args:
        file (str): The ``.npz`` codebook.
        num_codewords (int, optional): Expected K (checked).
            Defaults to None (not checked).
        dim (int, optional): Expected D (checked). Defaults to None (not
            checked).

    Attributes:
        meta (dict): other arrays stored in the file.
    """

    def __init__(self,
                 file: str,
                 num_codewords: Optional[int] = None,
                 dim: Optional[int] = None) -> None:
        codewords, freqs, meta = load_codebook(file)
        _check_size(file, codewords, num_codewords, dim)
        super().__init__(codewords, freqs)
        self.file = file
        self.meta = meta


@MODELS.register_module()
class LearnableCodebook(MotionCodebook):
    """Codewords trained with the model (paper: one of the three codebooks).

    Ours (``docs/methods.md`` section 2.1 leaves the rule open): the codewords
    are an
    ``nn.Parameter`` initialised from a k-means file (``init_file``) or, if
    none, a uniform grid (``dim``, ``bins_per_dim``, ``ranges``), and trained
    with :meth:`reconstruction_loss`: the squared error between the expected
    codeword under the predicted distribution and the patch flow. Targets for
    the classification loss are still the nearest codewords
    (:meth:`quantize`, without gradient), so the codewords follow the data and
    the classes follow the codewords. ``freqs`` are those of the
    initialisation (k-means file only) and are not updated.

    Args:
        init_file (str, optional): k-means ``.npz`` to initialise from.
            Defaults to None (a uniform grid).
        dim (int, optional): Expected D (checked); a uniform grid has
            ``len(ranges)`` dimensions. Defaults to None (not checked).
        bins_per_dim (int or Sequence[int]): Bins of a uniform
            initialisation. Defaults to 5.
        ranges (Sequence[Sequence[float]], optional): ``(min, max)`` per
            dimension of a uniform initialisation; required without
            ``init_file``. Defaults to None.
        num_codewords (int, optional): Expected K (checked).
            Defaults to None (not checked).
    """

    def __init__(self,
                 init_file: Optional[str] = None,
                 dim: Optional[int] = None,
                 bins_per_dim: Union[int, Sequence[int]] = 5,
                 ranges: Optional[Sequence[Sequence[float]]] = None,
                 num_codewords: Optional[int] = None) -> None:
        if init_file is not None:
            codewords, freqs, _ = load_codebook(init_file)
            _check_size(init_file, codewords, num_codewords, dim)
        else:
            if ranges is None:
                raise ValueError(
                    'LearnableCodebook needs init_file (k-means codebook) or '
                    'ranges (uniform grid) to initialise its codewords')
            codewords = uniform_codewords(
                len(ranges) if dim is None else dim, bins_per_dim, ranges)
            freqs = None
            _check_size('the uniform grid', codewords.numpy(), num_codewords,
                        dim)
        super().__init__(codewords, freqs, learnable=True)
        self.init_file = init_file

    def reconstruction_loss(self, probs: Tensor, targets: Tensor) -> Tensor:
        """Mean squared error between ``expected(probs)`` and the targets.

        Gradients reach both the codewords and, through ``probs``, the
        predictor.

        Args:
            probs (Tensor): ``(N, K, ...)`` predicted distributions (softmax
                over K).
            targets (Tensor): ``(N, D, ...)`` patch flows.

        Returns:
            Tensor: The scalar loss.
        """
        pred = self.expected(probs)
        if targets.shape != pred.shape:
            raise ValueError(
                f'targets must be {tuple(pred.shape)} (N, D, ...) to match '
                f'probs {tuple(probs.shape)}, got {tuple(targets.shape)}')
        return F.mse_loss(pred, targets.to(pred.dtype))
