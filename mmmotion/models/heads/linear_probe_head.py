"""A linear-probe classifier: pooled features, normalised, one FC."""
import torch.nn as nn
from mmaction.models.heads import I3DHead
from torch import Tensor

from mmmotion.registry import MODELS


@MODELS.register_module()
class LinearProbeHead(I3DHead):
    """MMAction2's ``I3DHead`` (average pooling, dropout, one FC) with a
    ``BatchNorm1d`` without affine parameters before the FC.

    Ours, after the usual linear evaluation of self-supervised models (e.g.
    MoCo v3): frozen features from different pretraining methods differ in
    scale by orders of magnitude, so a plain linear layer under one optimiser
    setting learns on some and not others. The normalisation has no
    parameters, so the classifier stays linear in the features.
    """

    def __init__(self, num_classes: int, in_channels: int, **kwargs) -> None:
        super().__init__(num_classes, in_channels, **kwargs)
        self.feat_norm = nn.BatchNorm1d(in_channels, affine=False)

    def forward(self, x: Tensor, **kwargs) -> Tensor:
        if self.avg_pool is not None:
            x = self.avg_pool(x)
        x = self.feat_norm(x.view(x.shape[0], -1))
        if self.dropout is not None:
            x = self.dropout(x)
        return self.fc_cls(x)
