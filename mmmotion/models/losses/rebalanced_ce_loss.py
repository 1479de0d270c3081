"""Cross-entropy over codewords with Luo et al.'s class rebalancing."""
import json
import os.path as osp
from typing import Optional, Sequence, Union

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.dist import all_reduce

from mmmotion.registry import MODELS

FreqLike = Union[str, Sequence[float], np.ndarray, torch.Tensor]
_FREQ_KEYS = ('class_freq', 'counts', 'freqs')


def load_class_freq(class_freq: FreqLike) -> torch.Tensor:
    """Read codeword counts or probabilities into a 1-D float64 tensor.

    Args:
        class_freq (str or list or np.ndarray or torch.Tensor): A list /
            array / tensor of K counts or probabilities, or the path of a
            ``.npy`` file holding them, a ``.json`` file holding a list or
            an object with one of the keys ``'class_freq'``, ``'counts'``,
            ``'freqs'``, or a ``.npz`` file with one of those arrays (a
            k-means codebook file from ``codebook_fitting.save_codebook``
            keeps them as ``'freqs'``).

    Returns:
        torch.Tensor: ``(K,)`` float64, not yet normalised.
    """
    if isinstance(class_freq, str):
        path = class_freq
        if not osp.isfile(path):
            raise FileNotFoundError(f'class_freq file {path!r} not found')
        if path.endswith('.npy'):
            class_freq = np.load(path, allow_pickle=False)
        elif path.endswith('.npz'):
            with np.load(path, allow_pickle=False) as data:
                class_freq = {k: data[k] for k in data.files}
        elif path.endswith('.json'):
            with open(path) as f:
                class_freq = json.load(f)
        else:
            raise ValueError(
                f'class_freq file {path!r}: expected .npy, .npz or .json')
        if isinstance(class_freq, dict):
            key = next((k for k in _FREQ_KEYS if k in class_freq), None)
            if key is None:
                raise ValueError(
                    f'{path}: the frequencies must be stored under one of '
                    f'{list(_FREQ_KEYS)}, got keys {sorted(class_freq)}')
            class_freq = class_freq[key]
    freq = torch.as_tensor(np.asarray(class_freq, dtype=np.float64))
    if freq.dim() != 1:
        raise ValueError('class_freq must be one value per codeword, got '
                         f'shape {tuple(freq.shape)}')
    if not torch.isfinite(freq).all() or (freq < 0).any():
        raise ValueError('class_freq must be finite and non-negative')
    if freq.sum() <= 0:
        raise ValueError('class_freq sums to 0: no codeword was counted')
    return freq


def _rebalancing_weights(p: torch.Tensor, lam: float) -> torch.Tensor:
    """Luo et al.'s weights ``w_k ~ ((1 - lam) p_k + lam / K)^-1``.

    Scaled so that ``sum_k p_k w_k = 1``: on targets drawn from ``p`` the
    mean weight is 1. ``lam = 1`` gives ``w = 1`` everywhere, ``lam = 0``
    gives ``w ~ 1 / p`` (then every ``p_k`` must be > 0).

    Args:
        p (torch.Tensor): ``(K,)`` codeword distribution (sums to 1).
        lam (float): The mixing weight lambda in [0, 1].

    Returns:
        torch.Tensor: ``(K,)`` weights, same dtype as ``p``.
    """
    k = p.numel()
    w = 1.0 / ((1.0 - lam) * p + lam / k)
    return w / (p * w).sum()


@MODELS.register_module()
class RebalancedCrossEntropyLoss(nn.Module):
    """Cross-entropy over K codewords, rebalanced by codeword frequency.

    Luo et al. (CVPR 2017, "Unsupervised Learning of Long-Term Motion Dynamics
    for Videos", https://arxiv.org/abs/1701.01821) predict each flow patch as
    a distribution over a codebook of K motions; most patches do not move, so
    plain cross-entropy is dominated by the "no motion" codeword. Paper: the
    target codeword ``k`` of each element is weighted by::

        w_k ~ ((1 - lam) * p_k + lam / K)^-1,   scaled so sum_k p_k w_k = 1

    with ``p`` the empirical codeword distribution of the training targets.

    Ours:

    - ``lam = 0.5`` by default; the poster does not give lambda.
    - Normalisation: ``loss = sum_i w[y_i] * ce_i / n``, with ``n`` the
      number of non-ignored elements. Since ``sum_k p_k w_k = 1`` the
      expected weight is 1, so the loss has the scale of plain cross-entropy
      and batches with many rare codewords count more. (``F.cross_entropy``
      with ``weight`` and ``reduction='mean'`` divides by ``sum_i w[y_i]``
      instead, which undoes part of the rebalancing batch by batch.) A batch
      with no valid element gives 0.
    - ``p_k = 0`` (a codeword never seen) gives the finite weight
      ``K / lam`` before scaling. ``lam = 0`` would make it infinite, so
      ``lam = 0`` with a zero frequency, or with ``estimate_online``, is
      refused with a ``ValueError``.
    - Frequencies come from ``class_freq`` (counts or probabilities, or a
      ``.npy`` / ``.npz`` / ``.json`` file; normalised to ``p``), or, with
      ``estimate_online=True``, from running counts of the target codewords
      seen in training-mode forward passes (buffer ``counts``, summed over
      processes in distributed training, saved in checkpoints). The counts
      include the current batch; before any count (e.g. evaluating an
      untrained model) the weights are 1. :meth:`set_class_freq` replaces
      the frequencies later (e.g. after a new k-means codebook).
    - ``rebalance=False`` is plain cross-entropy, for the ablation.

    Args:
        num_codewords (int): K, the codebook size.
        lam (float): Lambda in [0, 1]. Defaults to 0.5 (ours).
        class_freq (str or list or np.ndarray or torch.Tensor, optional): K
            counts or probabilities, or a ``.npy`` / ``.npz`` / ``.json``
            path. Defaults to None.
        estimate_online (bool): Count target codewords during training when
            no ``class_freq`` is given. Defaults to False.
        rebalance (bool): ``False``: unweighted cross-entropy.
            Defaults to True.
        ignore_index (int): Target value that is ignored. Defaults to -100.
        loss_weight (float): Factor on the loss. Defaults to 1.0.
    """

    def __init__(self,
                 num_codewords: int,
                 lam: float = 0.5,
                 class_freq: Optional[FreqLike] = None,
                 estimate_online: bool = False,
                 rebalance: bool = True,
                 ignore_index: int = -100,
                 loss_weight: float = 1.0) -> None:
        super().__init__()
        if num_codewords < 1:
            raise ValueError(
                f'num_codewords must be >= 1, got {num_codewords}')
        if not 0.0 <= lam <= 1.0:
            raise ValueError(f'lam must be in [0, 1], got {lam}')
        if rebalance and class_freq is None and not estimate_online:
            raise ValueError(
                'RebalancedCrossEntropyLoss needs codeword frequencies: pass '
                'class_freq (counts, probabilities, or a .npy/.json path), '
                'set estimate_online=True, or rebalance=False for plain '
                'cross-entropy')
        if rebalance and estimate_online and class_freq is None \
                and lam <= 0:
            raise ValueError(
                'lam=0 with estimate_online: unseen codewords (all of them '
                'at first) would get infinite weights; use lam > 0')
        self.num_codewords = num_codewords
        self.lam = float(lam)
        self.rebalance = rebalance
        self.estimate_online = estimate_online and class_freq is None
        self.ignore_index = ignore_index
        self.loss_weight = loss_weight
        self.register_buffer('_weights', torch.ones(num_codewords))
        if self.estimate_online:
            self.register_buffer('counts',
                                 torch.zeros(num_codewords, dtype=torch.long))
        if rebalance and class_freq is not None:
            self.set_class_freq(class_freq)

    @property
    def weights(self) -> torch.Tensor:
        """``(K,)`` the current per-codeword weights (ones if not rebalanced).
        """
        return self._weights.detach().clone()

    def set_class_freq(self, class_freq: FreqLike) -> None:
        """Replace the frequencies and recompute the weights.

        Args:
            class_freq (str or list or np.ndarray or torch.Tensor): K counts
                or probabilities, or a ``.npy`` / ``.npz`` / ``.json`` path
                (see :func:`load_class_freq`).
        """
        freq = load_class_freq(class_freq)
        self._check_k(freq.numel(), 'frequencies')
        self._set_weights(freq)

    def _check_k(self, k: int, what: str) -> None:
        """Refuse ``k`` codewords from ``what`` ('logits' or 'frequencies')."""
        if k != self.num_codewords:
            head, book = ((k, self.num_codewords) if what == 'logits' else
                          (self.num_codewords, k))
            raise ValueError(
                f'the head predicts {head} codewords, the codebook/'
                f'frequencies have {book} (num_codewords='
                f'{self.num_codewords}, {what}: {k})')

    def _set_weights(self, freq: torch.Tensor) -> None:
        p = freq.double() / freq.sum()
        if self.lam <= 0 and (p == 0).any():
            unseen = torch.nonzero(p == 0).flatten().tolist()
            raise ValueError(
                f'lam=0 and codewords {unseen[:10]} have frequency 0: their '
                'weights would be infinite; use lam > 0')
        w = _rebalancing_weights(p, self.lam)
        self._weights.copy_(w.to(self._weights))

    @torch.no_grad()
    def _update_counts(self, target: torch.Tensor) -> None:
        valid = target[target != self.ignore_index]
        batch = torch.bincount(valid.flatten(), minlength=self.num_codewords)
        all_reduce(batch, op='sum')
        self.counts += batch.to(self.counts)
        if self.counts.sum() > 0:
            self._set_weights(self.counts)

    def forward(self, logits: torch.Tensor,
                target: torch.Tensor) -> torch.Tensor:
        """Weighted cross-entropy, averaged over non-ignored elements.

        Args:
            logits (torch.Tensor): ``(N, K, *spatial)`` unnormalised codeword
                scores.
            target (torch.Tensor): ``(N, *spatial)`` codeword indices
                (integers), or ``ignore_index``.

        Returns:
            torch.Tensor: The scalar loss (times ``loss_weight``).
        """
        if logits.dim() < 2:
            raise ValueError('logits must be (N, K, *spatial), got shape '
                             f'{tuple(logits.shape)}')
        self._check_k(logits.shape[1], 'logits')
        if target.is_floating_point() or target.is_complex():
            raise ValueError('target must hold integer codeword indices, '
                             f'got dtype {target.dtype}')
        target = target.long()
        expected = (logits.shape[0], *logits.shape[2:])
        if tuple(target.shape) != expected:
            raise ValueError(f'target {tuple(target.shape)} does not match '
                             f'logits {tuple(logits.shape)}: expected '
                             f'{expected}')
        valid = target != self.ignore_index
        if valid.any():
            vt = target[valid]
            lo, hi = int(vt.min()), int(vt.max())
            if lo < 0 or hi >= self.num_codewords:
                raise ValueError(
                    f'target codewords must be in [0, {self.num_codewords}) '
                    f'or ignore_index={self.ignore_index}, got values in '
                    f'[{lo}, {hi}]')
        if self.rebalance and self.estimate_online and self.training:
            self._update_counts(target)
        ce = F.cross_entropy(
            logits, target, reduction='none', ignore_index=self.ignore_index)
        ce = ce.float()
        if self.rebalance:
            safe = torch.where(valid, target, torch.zeros_like(target))
            ce = ce * self._weights.to(ce.device)[safe] * valid
        loss = ce.sum() / valid.sum().clamp(min=1)
        return self.loss_weight * loss

    def extra_repr(self) -> str:
        return (f'num_codewords={self.num_codewords}, lam={self.lam}, '
                f'rebalance={self.rebalance}, '
                f'estimate_online={self.estimate_online}')
