"""Fine-tuning backbone: a (pretrained) pair encoder over a clip's consecutive
frame pairs, then a ConvLSTM over time."""
from typing import Optional

import torch
from mmaction.utils import ConfigType, OptMultiConfig
from mmcv.cnn import build_norm_layer
from mmengine.model import BaseModule

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope
from ..layers.conv_lstm import ConvLSTM


@MODELS.register_module()
class PairwiseMotionBackbone(BaseModule):
    """Luo et al.'s recognizer backbone, usable in MMAction2's
    ``Recognizer3D`` with an ``I3DHead``.

    Paper (Luo et al., CVPR 2017): the learned encoder initialises the
    feature extractor of an action recognizer, which is then fine-tuned.
    Ours (``docs/methods.md`` section 2.2): the encoder (``ConvLSTMEncoder``)
    reads
    every consecutive pair ``(x_t, x_t+1)`` of the clip from a zero state, as
    in pretraining (the conv features of each frame are computed once); a
    ConvLSTM over the T - 1 pair encodings follows. The output
    ``(N, C, T - 1, h, w)`` is pooled and classified by the head.

    Args:
        encoder (dict or ConfigDict): A ``ConvLSTMEncoder`` config; load
            pretrained weights with its ``init_cfg=dict(type='Pretrained',
            checkpoint=..., prefix='backbone.')``.
        temporal_channels (int): Hidden channels of the temporal ConvLSTM.
            Defaults to 128.
        temporal_kernel (int): Kernel size of the temporal ConvLSTM.
            Defaults to 3.
        temporal_norm (str, optional): ``None`` or ``'group'``: GroupNorm on
            the temporal ConvLSTM's gate pre-activations (ours).
            Defaults to None.
        out_norm_cfg (dict or ConfigDict, optional): A norm layer over the
            output channels, e.g. ``dict(type='BN3d')`` (ours). The outputs
            of two stacked ConvLSTMs are small at initialisation (std 0.023
            on MSR depth, their average over a clip varies 0.0025 from clip
            to clip: ``configs/atomic_flow/logs/recognizer_explore``), so
            without it the classifier starts from nearly the same features
            for every clip and learns slowly.
            Defaults to None (no norm, as the recorded runs before it).
        init_cfg (dict or ConfigDict, optional): Initialization config of the
            whole module. Defaults to None.
    """

    def __init__(self,
                 encoder: ConfigType,
                 temporal_channels: int = 128,
                 temporal_kernel: int = 3,
                 temporal_norm: Optional[str] = None,
                 out_norm_cfg: Optional[ConfigType] = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(init_cfg=init_cfg)
        with mmmotion_scope():
            self.encoder = MODELS.build(encoder)
        self.temporal = ConvLSTM(
            self.encoder.out_channels,
            temporal_channels,
            kernel_size=temporal_kernel,
            norm=temporal_norm)
        self.out_channels = temporal_channels
        self.out_norm = None
        if out_norm_cfg is not None:
            _, self.out_norm = build_norm_layer(out_norm_cfg,
                                                temporal_channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Encode every consecutive frame pair, then run the ConvLSTM.

        Args:
            x (torch.Tensor): ``(N, C, T, H, W)`` clips, ``T >= 2``.

        Returns:
            torch.Tensor: ``(N, temporal_channels, T - 1, h, w)``.
        """
        if x.dim() != 5 or x.shape[2] < 2:
            raise ValueError('PairwiseMotionBackbone needs clips (N, C, T, H, '
                             f'W) with T >= 2 frames, got {tuple(x.shape)}')
        feats = self.encoder.frame_features(x)  # (N, T, C', h, w)
        n, t = feats.shape[:2]
        pairs = torch.stack([feats[:, :-1], feats[:, 1:]], 2)
        pairs = pairs.reshape(n * (t - 1), 2, *feats.shape[2:])
        h, _ = self.encoder.encode(pairs)  # (N*(T-1), C_h, h, w)
        h = h.view(n, t - 1, *h.shape[1:])
        out, _ = self.temporal(h)  # (N, T-1, C, h, w)
        out = out.transpose(1, 2).contiguous()
        return out if self.out_norm is None else self.out_norm(out)
