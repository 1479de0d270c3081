import torch
import torch.nn as nn
import torch.nn.functional as F

from mmmotion.registry import MODELS


@MODELS.register_module()
class HuberLoss(nn.Module):
    """Huber loss between predicted and true frames (DynamoNet, eq. 2).

    Paper: Huber with threshold delta = 0.01 (frames on a [0, 1] scale).
    Ours: applied per pixel and averaged over all pixels, channels and frames
    (the paper's norm notation leaves the reduction open).

    Args:
        delta (float): the threshold between the quadratic and linear parts.
        loss_weight (float): multiplies the loss.
    """

    def __init__(self, delta: float = 0.01, loss_weight: float = 1.0) -> None:
        super().__init__()
        self.delta = delta
        self.loss_weight = loss_weight

    def forward(self, pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        return self.loss_weight * F.huber_loss(
            pred, target, reduction='mean', delta=self.delta)
