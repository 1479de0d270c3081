"""Charbonnier (robust L1) photometric loss."""
from typing import Optional

import torch
import torch.nn as nn
from torch import Tensor

from mmmotion.registry import MODELS


@MODELS.register_module()
class CharbonnierLoss(nn.Module):
    """``mean(sqrt((pred - target)^2 + eps^2))``, optionally over a mask.

    Charbonnier et al. (ICIP 1994), one of the photometric terms Tian et al.
    (ECCV 2020) cite; ``eps = 1e-3`` is ours.

    Args:
        eps (float): Smoothing near 0. Defaults to 1e-3.
        loss_weight (float): Factor on the loss. Defaults to 1.0.
    """

    def __init__(self, eps: float = 1e-3, loss_weight: float = 1.0) -> None:
        super().__init__()
        if eps <= 0:
            raise ValueError(f'eps must be positive, got {eps}')
        self.eps = eps
        self.loss_weight = loss_weight

    def forward(self,
                pred: Tensor,
                target: Tensor,
                mask: Optional[Tensor] = None) -> Tensor:
        """Compute the loss.

        Args:
            pred (Tensor): Predicted images, any shape, e.g. (N, C, H, W).
            target (Tensor): Targets of the same shape.
            mask (Tensor, optional): Broadcastable to ``pred``, 1 = counted;
                restricts the mean to the valid pixels (no valid pixel gives
                0). Defaults to None (all pixels).

        Returns:
            Tensor: The weighted scalar loss.
        """
        if pred.shape != target.shape:
            raise ValueError(f'pred {tuple(pred.shape)} and target '
                             f'{tuple(target.shape)} differ in shape')
        err = torch.sqrt((pred - target)**2 + self.eps**2)
        if mask is None:
            return self.loss_weight * err.mean()
        mask = mask.to(err.dtype).expand_as(err)
        return self.loss_weight * (err * mask).sum() / mask.sum().clamp(min=1)
