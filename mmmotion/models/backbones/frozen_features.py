"""Any backbone, frozen, as the feature extractor of a linear probe."""
from typing import Union

import torch
from mmaction.utils import ConfigType, OptMultiConfig
from mmengine.model import BaseModule

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope


@MODELS.register_module()
class FrozenFeatures(BaseModule):
    """A backbone with every parameter frozen and every norm layer in eval
    mode, whose output is one ``(N, C, T, h, w)`` feature map, for a linear
    probe in MMAction2's ``Recognizer3D`` (e.g. under ``LinearProbeHead``).

    Ours: backbones such as ``ConvLSTMEncoder`` have no ``frozen_stages``
    and return a tuple (the last hidden state and the recurrent state);
    this wrapper freezes the whole backbone, takes the output at
    ``feature_index`` and gives a 4-D map ``(N, C, h, w)`` a time axis of
    length 1, so that the same linear probe serves every method's encoder.

    Args:
        encoder (dict or ConfigDict): The backbone; load pretrained weights
            with its own ``init_cfg=dict(type='Pretrained', checkpoint=...,
            prefix='backbone.')``.
        feature_index (int, optional): Which element of a tuple output is
            the feature. Defaults to 0.
        init_cfg (dict or ConfigDict, optional): Initialization config of the
            wrapper. Defaults to None.
    """

    def __init__(self,
                 encoder: ConfigType,
                 feature_index: int = 0,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(init_cfg=init_cfg)
        with mmmotion_scope():
            self.encoder = MODELS.build(encoder)
        self.feature_index = feature_index
        for p in self.encoder.parameters():
            p.requires_grad = False

    def train(self, mode: bool = True) -> 'FrozenFeatures':
        """Keep the backbone in eval mode (norm statistics frozen)."""
        super().train(mode)
        self.encoder.eval()
        return self

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The frozen features.

        Args:
            x (torch.Tensor): The clips, ``(N, C, T, H, W)``.

        Returns:
            torch.Tensor: ``(N, C', T', h, w)`` (``T' = 1`` for a backbone
            that returns one map per clip).
        """
        with torch.no_grad():
            out: Union[torch.Tensor, tuple] = self.encoder(x)
        if isinstance(out, (tuple, list)):
            out = out[self.feature_index]
        if out.dim() == 4:
            out = out.unsqueeze(2)
        return out
