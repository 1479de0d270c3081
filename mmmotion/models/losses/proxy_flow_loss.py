"""Guidance by a classical flow: the end-point error to OpenCV DIS (or
Farneback) flow of the same frame pair, a weight that can decay to 0."""
from typing import Optional

import numpy as np
import torch
import torch.nn as nn
from mmengine.logging import MessageHub
from torch import Tensor

from mmmotion.registry import MODELS
from mmmotion.utils.optical_flow import FLOW_METHODS, compute_flow

# ITU-R BT.601 luma weights: a colour frame to grey for the flow method
_LUMA = (0.299, 0.587, 0.114)


def proxy_flow(frames: Tensor,
               next_frames: Tensor,
               method: str = 'dis',
               preset: str = 'medium') -> Tensor:
    """Classical flow of each frame pair, as a tensor.

    Args:
        frames (Tensor): ``(B, C, H, W)`` frames t on [0, 1], C = 1 or 3.
        next_frames (Tensor): ``(B, C, H, W)`` frames t+1.
        method (str): A method of :func:`mmmotion.utils.optical_flow.
            compute_flow`. Defaults to ``'dis'``.
        preset (str): DIS preset. Defaults to ``'medium'``.

    Returns:
        Tensor: ``(B, 2, H, W)`` flow ``(dx, dy)`` in pixels, the
        convention of ``backward_warp`` (``next(p + flow(p)) ~ frame(p)``),
        on the frames' device, without gradient.
    """
    if frames.shape != next_frames.shape or frames.dim() != 4:
        raise ValueError(f'frames {tuple(frames.shape)} and next frames '
                         f'{tuple(next_frames.shape)} must be two (B, C, H, '
                         'W) batches of one shape')
    c = frames.shape[1]
    if c not in (1, 3):
        raise ValueError(f'proxy flow needs grey or RGB frames, got {c} '
                         'channels')

    def grey(x: Tensor) -> np.ndarray:
        x = x.detach().float().cpu()
        if c == 3:
            x = sum(w * x[:, i] for i, w in enumerate(_LUMA))
        else:
            x = x[:, 0]
        return x.clamp(0, 1).numpy()

    a, b = grey(frames), grey(next_frames)
    flows = [
        compute_flow(a[i], b[i], method=method, preset=preset, scale=255.)
        for i in range(len(a))
    ]
    out = torch.from_numpy(np.stack(flows)).permute(0, 3, 1, 2)
    return out.to(device=frames.device, dtype=frames.dtype)


@MODELS.register_module()
class ProxyFlowLoss(nn.Module):
    """Mean end-point error between the predicted motion and a classical
    flow of the same pair (a proxy target, not a label).

    Ours (issue 15), after "Guided Optical Flow Learning" (Zhu, Lan, Newsam,
    Hauptmann, arXiv 1702.02295, 2017), which trains a flow network on
    FlowFields flow as proxy ground truth and then on the photometric loss
    alone: the flow here is OpenCV DIS (or Farneback), computed on the fly
    from the very frames the model sees, so no flow label and no extra data
    are used. Its weight falls linearly from ``loss_weight`` at the first
    iteration to 0 at ``until`` x the run's iterations (mmengine's
    ``MessageHub`` ``iter`` and ``max_iters``), after which the warping
    losses alone train the model; ``until=None`` keeps it constant. Outside
    a runner (no ``max_iters`` recorded) the weight is ``loss_weight``.

    Frames are turned to grey (BT.601 luma) and to ``uint8`` by x255 (they
    must be on [0, 1]); per-pixel EPE is ``sqrt(dx^2 + dy^2 + eps^2)``.

    Args:
        method (str): ``'dis'`` or ``'farneback'`` (TV-L1 is too slow for a
            training loss here). Defaults to ``'dis'``.
        preset (str): DIS preset. Defaults to ``'medium'``.
        loss_weight (float): The weight at the start. Defaults to 0.1 (the
            EPE of zero motion on natural RGB at 112 px is about 1.3 px,
            the plain warping loss about 0.11: ours).
        until (float, optional): Fraction of the run's iterations at which
            the weight reaches 0, in (0, 1]. Defaults to 0.5.
        eps (float): Smoothing of the norm at 0. Defaults to 1e-3.
    """

    def __init__(self,
                 method: str = 'dis',
                 preset: str = 'medium',
                 loss_weight: float = 0.1,
                 until: Optional[float] = 0.5,
                 eps: float = 1e-3) -> None:
        super().__init__()
        if method not in FLOW_METHODS or method == 'tvl1':
            raise ValueError(f"method must be 'dis' or 'farneback', got "
                             f'{method!r}')
        if until is not None and not 0 < until <= 1:
            raise ValueError(f'until must be in (0, 1] or None, got {until}')
        if loss_weight < 0 or eps <= 0:
            raise ValueError('loss_weight must be >= 0 and eps > 0, got '
                             f'{loss_weight} and {eps}')
        self.method, self.preset = method, preset
        self.loss_weight, self.until, self.eps = loss_weight, until, eps

    def current_weight(self) -> float:
        """The weight at the runner's current iteration."""
        if self.until is None:
            return self.loss_weight
        hub = MessageHub.get_current_instance()
        max_iters = hub.get_info('max_iters')
        if not max_iters:
            return self.loss_weight
        it = hub.get_info('iter') or 0
        frac = 1.0 - it / (self.until * max_iters)
        return self.loss_weight * max(frac, 0.0)

    def forward(self, motion: Tensor, frames: Tensor,
                next_frames: Tensor) -> Tensor:
        """Compute the loss.

        Args:
            motion (Tensor): ``(B, 2, H, W)`` predicted motion, pixels.
            frames (Tensor): ``(B, C, H, W)`` frames t on [0, 1].
            next_frames (Tensor): ``(B, C, H, W)`` frames t+1.

        Returns:
            Tensor: The weighted scalar loss (0 with no graph work once the
            weight has decayed).
        """
        if motion.dim() != 4 or motion.shape[1] != 2 or \
                motion.shape[-2:] != frames.shape[-2:]:
            raise ValueError(f'motion {tuple(motion.shape)} must be (B, 2, '
                             f'H, W) at the frames\' size '
                             f'{tuple(frames.shape)}')
        w = self.current_weight()
        if w == 0:
            return motion.sum() * 0
        target = proxy_flow(frames, next_frames, self.method, self.preset)
        epe = torch.sqrt(((motion - target)**2).sum(1) + self.eps**2)
        return w * epe.mean()
