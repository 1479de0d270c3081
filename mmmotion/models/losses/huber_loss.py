import torch
import torch.nn as nn
import torch.nn.functional as F

from mmmotion.registry import MODELS
from ..layers.filtered_huber import filtered_huber_loss


@MODELS.register_module()
class HuberLoss(nn.Module):
    """Huber loss between predicted and true frames (DynamoNet, eq. 2).

    Paper (Diba et al., ICCV 2019, eq. 2), with d = x_hat_t+1 - x_t+1::

        L = 1/2 ||d||_2^2            if ||d||_1 < delta
            delta ||d||_1 - delta^2/2 otherwise,      delta = 0.01

    The norms are taken over a whole frame (``reduction='frame'``, the
    default): each predicted frame (C x H x W) gets one Huber value, and the
    values are averaged over frames and samples. On frames scaled to [0, 1]
    almost every frame is in the linear part, so this is about
    ``delta * (sum of absolute pixel errors)``, and its weight grows with the
    frame size, as in the paper.

    Ours, as an option: ``reduction='pixel'`` applies Huber to every pixel and
    averages (``torch.nn.functional.huber_loss``). It is the frame-level
    value divided by about C x H x W (a mean where the paper's norms sum),
    so on real frames it is orders of magnitude smaller than the paper's form.

    Args:
        delta (float): The threshold between the quadratic and linear parts.
            Defaults to 0.01.
        reduction (str): ``'frame'`` (the paper) or ``'pixel'``.
            Defaults to ``'frame'``.
        loss_weight (float): Factor on the loss. Defaults to 1.0.
    """

    def __init__(self,
                 delta: float = 0.01,
                 reduction: str = 'frame',
                 loss_weight: float = 1.0) -> None:
        super().__init__()
        if reduction not in ('frame', 'pixel'):
            raise ValueError(
                f"reduction must be 'frame' or 'pixel', got {reduction!r}")
        self.delta = delta
        self.reduction = reduction
        self.loss_weight = loss_weight

    def forward(self, pred: torch.Tensor,
                target: torch.Tensor) -> torch.Tensor:
        """Compute the loss.

        Args:
            pred (torch.Tensor): (N, C, T, H, W) predicted frames.
            target (torch.Tensor): (N, C, T, H, W) true frames.

        Returns:
            torch.Tensor: The weighted scalar loss.
        """
        if pred.shape != target.shape:
            raise ValueError(f'pred {tuple(pred.shape)} and target '
                             f'{tuple(target.shape)} differ in shape')
        if self.reduction == 'pixel':
            loss = F.huber_loss(
                pred, target, reduction='mean', delta=self.delta)
        else:
            d = pred - target
            dims = (1, 3, 4)  # per frame: over C, H, W -> (N, T)
            l1 = d.abs().sum(dims)
            quad = 0.5 * d.square().sum(dims)
            lin = self.delta * l1 - 0.5 * self.delta**2
            loss = torch.where(l1 < self.delta, quad, lin).mean()
        return self.loss_weight * loss

    def forward_filtered(self,
                         frames: torch.Tensor,
                         filters: torch.Tensor,
                         target: torch.Tensor,
                         padding_mode: str = 'replicate') -> torch.Tensor:
        """The loss of the frames predicted by global dynamic filters,
        without keeping the predictions: equal to
        ``self(apply_dynamic_filters(frames, filters, padding_mode),
        target)``, in far less memory (``filtered_huber_loss``).

        Args:
            frames (torch.Tensor): (N, C, T, H, W) frames x_1..x_T.
            filters (torch.Tensor): (N, T, s, s) global dynamic filters.
            target (torch.Tensor): (N, C, T, H, W) frames x_2..x_T+1.
            padding_mode (str): Border handling of the dynamic filters.
                Defaults to ``'replicate'``.

        Returns:
            torch.Tensor: The weighted scalar loss.
        """
        return self.loss_weight * filtered_huber_loss(
            frames, filters, target, self.delta, self.reduction, padding_mode)
