"""The best dynamic filters of DynamoNet's form for known target frames: the
oracle bound of a frame predictor (shared layer; issue 16).

DynamoNet (Diba et al., ICCV 2019) predicts ``x_{t+1}`` as one softmax
s x s filter applied to ``x_t`` (``global``, the paper) or, ours, one per
pixel (``local``). Whatever network predicts the filters, it cannot do
better than the filters fitted to the true next frames: this module fits
them by gradient descent, per sample, so that a result can be read as the
share of the achievable gain over copying the last frame that it captures.

Ours, all of it: the filters are softmax logits, started near the
identity (centre logit 8, others 0: 99 % of the weight on the centre),
fitted by Adam (eps 1e-20, so that the step does not depend on the
loss's scale) to the mean squared error (what PSNR measures), ``steps``
steps; for every frame the filters of the lowest error seen are kept,
exact copy-last included, so no frame's oracle scores below copying the
last frame (in squared error). The filters are applied as the model
applies them (:func:`apply_dynamic_filters`, its padding).
"""
from typing import Callable, Optional

import torch
from torch import Tensor

from .dynamic_filter import apply_dynamic_filters

_CENTRE_LOGIT = 8.0


def fit_oracle_filters(frames: Tensor,
                       target: Tensor,
                       filter_size: int = 5,
                       mode: str = 'global',
                       steps: int = 300,
                       lr: float = 0.1,
                       padding_mode: str = 'replicate',
                       criterion: Optional[Callable] = None) -> Tensor:
    """Fit the filters that best map ``frames`` to ``target``.

    Args:
        frames (Tensor): ``(N, C, T, H, W)`` input frames x_1..x_T.
        target (Tensor): ``(N, C, T, H, W)`` true next frames x_2..x_T+1.
        filter_size (int): s, odd. Defaults to 5 (the paper's).
        mode (str): ``'global'`` (one filter a frame) or ``'local'`` (one
            a pixel). Defaults to ``'global'``.
        steps (int): Adam steps. Defaults to 300.
        lr (float): Adam's learning rate on the logits. Defaults to 0.1.
        padding_mode (str): See :func:`apply_dynamic_filters`.
        criterion (callable, optional): ``(pred, target) -> error`` to fit
            instead of the mean squared error, e.g. the model's own
            frame-prediction loss; a scalar error keeps the best filters
            of the whole batch, an ``(N, T)`` one those of each frame.
            Defaults to None (the mean squared error of each frame).

    Returns:
        Tensor: The filters, ``(N, T, s, s)`` or ``(N, T, s*s, H, W)``, of
        each frame's lowest mean squared error reached (no gradient).
    """
    if mode not in ('global', 'local'):
        raise ValueError(f"mode must be 'global' or 'local', got {mode!r}")
    if frames.shape != target.shape or frames.dim() != 5:
        raise ValueError(f'frames and target must be (N, C, T, H, W) of one '
                         f'shape, got {tuple(frames.shape)} and '
                         f'{tuple(target.shape)}')
    if filter_size < 1 or filter_size % 2 == 0 or steps < 0:
        raise ValueError(f'filter_size must be odd and steps >= 0, got '
                         f'{filter_size} and {steps}')
    n, _, t, h, w = frames.shape
    s2 = filter_size**2
    frames, target = frames.detach().float(), target.detach().float()
    shape = (n, t, s2) if mode == 'global' else (n, t, s2, h, w)
    logits = frames.new_zeros(shape)
    logits[:, :, s2 // 2] = _CENTRE_LOGIT

    def filters(x: Tensor) -> Tensor:
        f = x.softmax(2)
        if mode == 'global':
            return f.view(n, t, filter_size, filter_size)
        return f

    def errors(f: Tensor) -> tuple:
        """The error of every (sample, frame), ``(N, T)``, and the
        objective to minimise."""
        pred = apply_dynamic_filters(frames, f, padding_mode)
        if criterion is None:
            err = (pred - target).pow(2).transpose(1, 2).flatten(2).mean(2)
        else:
            err = criterion(pred, target)
        if err.dim() == 0:
            return err.expand(n, t), err
        return err, err.sum()

    # the best filters of each frame so far, from exact copy-last
    best = frames.new_zeros(shape)
    best[:, :, s2 // 2] = 1
    best = best.view_as(filters(logits))
    with torch.no_grad():
        best_err = errors(best)[0]
    logits.requires_grad_(True)
    # eps far below any gradient: a loss averaged over 10^4-10^5 pixels
    # gives per-pixel logits gradients of 1e-9 and less, which Adam's
    # default eps (1e-8) would shrink to a crawl (a scale-free step)
    opt = torch.optim.Adam([logits], lr=lr, eps=1e-20)
    with torch.enable_grad():
        for step in range(steps + 1):
            f = filters(logits)
            err, objective = errors(f)
            # the error of the filters before this step: keep the best
            better = err.detach() < best_err
            best[better] = f.detach()[better]
            best_err = torch.minimum(best_err, err.detach())
            if step == steps:
                break
            opt.zero_grad()
            objective.backward()
            opt.step()
    return best


def oracle_frames(frames: Tensor, target: Tensor, **kwargs) -> Tensor:
    """The frames predicted by :func:`fit_oracle_filters`' filters,
    ``(N, C, T, H, W)`` (``kwargs`` are its options)."""
    f = fit_oracle_filters(frames, target, **kwargs)
    pad = kwargs.get('padding_mode', 'replicate')
    return apply_dynamic_filters(frames.detach().float(), f, pad)
