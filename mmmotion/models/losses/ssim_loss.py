"""SSIM loss, ``loss_weight * (1 - SSIM)`` (SSIM as scikit-image computes it,
:func:`mmmotion.models.layers.image_quality.ssim`)."""
import torch.nn as nn
from torch import Tensor

from mmmotion.registry import MODELS
from ..layers.image_quality import _check_range_and_reduction, ssim


@MODELS.register_module()
class SSIMLoss(nn.Module):
    """SSIM loss, ``loss_weight * (1 - SSIM(pred, target))``.

    Shared by two methods. Paper (Diba et al., ICCV 2019): DynamoNet reports
    next-frame quality as SSIM; ours: the loss as an optional term beside
    its Huber loss. Ours: a term of the coarse-to-fine motion method's
    photometric warping loss (Charbonnier + SSIM, following its references;
    ``MotionDecoderHead(loss_ssim=...)``). SSIM is computed by
    :func:`~mmmotion.models.layers.image_quality.ssim`, i.e. with
    scikit-image's default settings.

    Video tensors of shape (N, C, T, H, W) are accepted: every frame is
    compared with its counterpart (the time axis is folded into the batch).

    Args:
        loss_weight (float): Factor on the loss. Defaults to 1.0.
        data_range (float): The value range of the images. Defaults to 1.0.
        win_size (int): Side of the uniform SSIM window. Defaults to 7.
        reduction (str): ``'mean'`` for a scalar; ``'none'`` for a loss per
            sample, shape (N,) for images or (N, T) for videos.
            Defaults to ``'mean'``.

    Example:
        >>> loss = MODELS.build(dict(type='SSIMLoss', loss_weight=0.5))
        >>> pred, target = torch.rand(2, 3, 4, 32, 32), torch.rand(
        ...     2, 3, 4, 32, 32)
        >>> loss(pred, target).shape
        torch.Size([])
    """

    def __init__(self,
                 loss_weight: float = 1.0,
                 data_range: float = 1.0,
                 win_size: int = 7,
                 reduction: str = 'mean') -> None:
        super().__init__()
        _check_range_and_reduction(data_range, reduction)
        self.loss_weight = loss_weight
        self.data_range = data_range
        self.win_size = win_size
        self.reduction = reduction

    def forward(self, pred: Tensor, target: Tensor) -> Tensor:
        """Compute the loss.

        Args:
            pred (Tensor): Predicted images (N, C, H, W) or videos
                (N, C, T, H, W).
            target (Tensor): Targets of the same shape.

        Returns:
            Tensor: The weighted loss; a scalar, or (N,) / (N, T) with
            ``reduction='none'``.
        """
        if pred.shape != target.shape:
            raise ValueError(f'SSIMLoss expects pred and target of the same '
                             f'shape, got {tuple(pred.shape)} and '
                             f'{tuple(target.shape)}.')
        leading = None
        if pred.dim() == 5:
            n, c, t, h, w = pred.shape
            leading = (n, t)
            pred = pred.transpose(1, 2).reshape(n * t, c, h, w)
            target = target.transpose(1, 2).reshape(n * t, c, h, w)
        value = ssim(
            pred,
            target,
            data_range=self.data_range,
            win_size=self.win_size,
            reduction='none')
        loss = self.loss_weight * (1 - value)
        if self.reduction == 'mean':
            return loss.mean()
        return loss if leading is None else loss.view(*leading)

    def extra_repr(self) -> str:
        return (f'loss_weight={self.loss_weight}, '
                f'data_range={self.data_range}, win_size={self.win_size}, '
                f'reduction={self.reduction!r}')
