"""DynamoNet's classifier: action representation + dynamic motion
representation."""
from typing import Optional, Sequence, Tuple

import torch
import torch.nn as nn
from mmaction.models.heads.base import BaseHead
from mmaction.utils import ConfigType, OptMultiConfig

from mmmotion.registry import MODELS
from ..layers.conv_stack import conv3d_stack


@MODELS.register_module()
class DynamoHead(BaseHead):
    """Classify from the backbone features (AR) and the dynamic filters (DMR).

    Paper (Diba et al., ICCV 2019, sec. 3.2 and 4.1): the action
    representation (AR) comes from the backbone through two conv layers of 64
    filters and an FC; the dynamic motion representation (DMR) is the
    flattened filters through an FC of 512; AR and DMR are concatenated and
    fed to the classifier.

    Ours: convs of ``conv_kernels`` (1x1x1 then 3x3x3 by default) with BN and
    ReLU, global average pooling before the AR
    FC (``ar_channels`` wide), ReLU after both FCs, dropout before the
    classifier. Local (per-pixel) filters are averaged over space before the
    DMR FC.

    Args:
        num_classes (int): Number of classes.
        in_channels (int): Channels of the backbone features.
        num_frames (int): T, filters per clip.
        filter_size (int): s, the side of a filter. Defaults to 5.
        mid_channels (int): AR conv channels. Defaults to 64 (the paper).
        conv_kernels (Sequence[int]): Kernel sizes of the two convs (ours;
            the paper gives only their width). Defaults to ``(1, 3)``.
        ar_channels (int): Width of the AR FC. Defaults to 512.
        dmr_channels (int): Width of the DMR FC. Defaults to 512 (the
            paper).
        use_dmr (bool): Concatenate the DMR (the paper) or classify from the
            AR alone. Defaults to True.
        dropout_ratio (float): Dropout before the classifier.
            Defaults to 0.5.
        norm_cfg (dict or ConfigDict): Config of the AR convs' norm layers.
            Defaults to ``dict(type='BN3d')``.
        loss_cls (dict or ConfigDict): Config for building the
            classification loss. Defaults to ``dict(type='CrossEntropyLoss')``.
        average_clips (str, optional): How clip scores are averaged at test
            (``'score'``, ``'prob'`` or None). Defaults to ``'prob'``.
        init_std (float): Std of the classifier's normal init.
            Defaults to 0.01.
        init_cfg (dict or ConfigDict, optional): Initialization config; when
            given, the classifier's normal init is skipped. Defaults to None.
        kwargs (dict, optional): Any keyword argument to be used to
            initialize the head.
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 num_frames: int,
                 filter_size: int = 5,
                 mid_channels: int = 64,
                 conv_kernels: Sequence[int] = (1, 3),
                 ar_channels: int = 512,
                 dmr_channels: int = 512,
                 use_dmr: bool = True,
                 dropout_ratio: float = 0.5,
                 norm_cfg: ConfigType = dict(type='BN3d'),
                 loss_cls: ConfigType = dict(type='CrossEntropyLoss'),
                 average_clips: Optional[str] = 'prob',
                 init_std: float = 0.01,
                 init_cfg: OptMultiConfig = None,
                 **kwargs) -> None:
        super().__init__(
            num_classes,
            in_channels,
            loss_cls=loss_cls,
            average_clips=average_clips,
            init_cfg=init_cfg,
            **kwargs)
        self.use_dmr = use_dmr
        self.init_std = init_std
        self.ar_convs = conv3d_stack(
            in_channels, mid_channels, conv_kernels, norm_cfg=norm_cfg)
        self.pool = nn.AdaptiveAvgPool3d(1)
        self.ar_fc = nn.Linear(mid_channels, ar_channels)
        fused = ar_channels
        if use_dmr:
            self.dmr_fc = nn.Linear(num_frames * filter_size**2, dmr_channels)
            fused += dmr_channels
        self.relu = nn.ReLU(inplace=True)
        self.dropout = nn.Dropout(dropout_ratio) if dropout_ratio else None
        self.fc_cls = nn.Linear(fused, num_classes)

    def init_weights(self) -> None:
        """The classifier starts small (normal, ``init_std``), as MMAction2's
        heads do; the hidden AR / DMR layers keep PyTorch's default init (a
        0.01 normal there makes their outputs vanish and slows learning)."""
        super().init_weights()
        if self.init_cfg is None:
            nn.init.normal_(self.fc_cls.weight, std=self.init_std)
            nn.init.zeros_(self.fc_cls.bias)

    def forward(self, x: Tuple[torch.Tensor, torch.Tensor],
                **kwargs) -> torch.Tensor:
        """Classify from the features and the dynamic filters.

        Args:
            x (tuple[torch.Tensor]): ``(features, filters)``: the backbone
                features ``(N, C, T', H', W')`` and the FP head's filters
                ``(N, T, s, s)`` (global) or ``(N, T, s*s, H, W)`` (local).

        Returns:
            torch.Tensor: Class scores ``(N, num_classes)``.
        """
        feats, filters = x
        if isinstance(feats, (tuple, list)):  # a backbone with skip stages
            feats = feats[-1]
        ar = self.relu(self.ar_fc(self.pool(self.ar_convs(feats)).flatten(1)))
        parts = [ar]
        if self.use_dmr:
            if filters.dim() == 5:  # local: (N, T, s*s, H, W)
                filters = filters.mean((3, 4))
            parts.append(self.relu(self.dmr_fc(filters.flatten(1))))
        x = torch.cat(parts, 1)
        if self.dropout is not None:
            x = self.dropout(x)
        return self.fc_cls(x)
