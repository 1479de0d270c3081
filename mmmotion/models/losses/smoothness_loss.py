"""Edge-aware smoothness of a motion field."""
import torch
import torch.nn as nn
from torch import Tensor

from mmmotion.registry import MODELS


@MODELS.register_module()
class EdgeAwareSmoothnessLoss(nn.Module):
    """Smoothness of a motion field, relaxed at image edges.

    First order: ``mean(|d_x u| exp(-alpha |d_x I|) + |d_y u| exp(-alpha
    |d_y I|))``, the image gradient averaged over channels. A common term of
    self-supervised flow (e.g. the frame-synthesis works Tian et al. cite);
    the first-order form and ``alpha = 10`` (images in [0, 1]) are ours.

    Second order (``order=2``): the same with ``|d_xx u|`` and ``|d_yy u|``,
    weighted by the edges at the pixel between the two differences, as
    UFlow and ARFlow use it (ours to offer, issue 15): it leaves a smooth
    gradient of motion (zoom, rotation, perspective) unpenalised, where the
    first order pulls every field toward a constant.

    Args:
        alpha (float): Edge sensitivity. Defaults to 10.0.
        loss_weight (float): Factor on the loss. Defaults to 1.0.
        order (int): 1 or 2. Defaults to 1.
    """

    def __init__(self,
                 alpha: float = 10.0,
                 loss_weight: float = 1.0,
                 order: int = 1) -> None:
        super().__init__()
        if order not in (1, 2):
            raise ValueError(f'order must be 1 or 2, got {order}')
        self.alpha = alpha
        self.loss_weight = loss_weight
        self.order = order

    def forward(self, flow: Tensor, image: Tensor) -> Tensor:
        """Compute the loss.

        Args:
            flow (Tensor): ``(N, 2, H, W)`` motion field.
            image (Tensor): ``(N, C, H, W)`` image whose edges relax it.

        Returns:
            Tensor: The weighted scalar loss.
        """
        if flow.dim() != 4 or image.dim() != 4 or \
                flow.shape[0] != image.shape[0] or \
                flow.shape[-2:] != image.shape[-2:]:
            raise ValueError(f'flow (N, 2, H, W) and image (N, C, H, W) must '
                             f'share N, H, W; got {tuple(flow.shape)} and '
                             f'{tuple(image.shape)}')
        dxu = flow[..., :, 1:] - flow[..., :, :-1]
        dyu = flow[..., 1:, :] - flow[..., :-1, :]
        dxi = (image[..., :, 1:] - image[..., :, :-1]).abs().mean(1, True)
        dyi = (image[..., 1:, :] - image[..., :-1, :]).abs().mean(1, True)
        if self.order == 2:
            # u(x+1) - 2u(x) + u(x-1), at the pixel between the two edges
            dxu = dxu[..., :, 1:] - dxu[..., :, :-1]
            dyu = dyu[..., 1:, :] - dyu[..., :-1, :]
            dxi, dyi = dxi[..., :, 1:], dyi[..., 1:, :]
        dxu, dyu = dxu.abs(), dyu.abs()
        loss = (dxu * torch.exp(-self.alpha * dxi)).mean() + \
            (dyu * torch.exp(-self.alpha * dyi)).mean()
        return self.loss_weight * loss
