"""3D-ResNeXt (Hara et al., CVPR 2018), optionally with STC blocks (STCnet).

The backbones of DynamoNet (Diba et al., ICCV 2019): 3D-ResNeXt-101 and
STC-ResNeXt-101.
"""
from typing import List, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmaction.utils import ConfigType, OptMultiConfig
from mmcv.cnn import build_norm_layer
from mmengine.model import BaseModule
from mmengine.utils.dl_utils.parrots_wrapper import _BatchNorm
from torch.nn.modules.utils import _triple

from mmmotion.models.layers.stc_block import STCBlock
from mmmotion.registry import MODELS
from mmmotion.utils.checkpoint_keys import check_pretrained


def _out_len(size: int, kernel: int, stride: int, padding: int) -> int:
    """Output length of a conv / pool along one axis."""
    return (size + 2 * padding - kernel) // stride + 1


class ResNeXtBottleneck3D(nn.Module):
    """3D-ResNeXt bottleneck: 1x1x1 -> grouped 3x3x3 (strided) -> 1x1x1.

    ::

        x (N, C_in, T, H, W)
        conv1 1x1x1 C_in->inner, bn1, ReLU
        conv2 3x3x3 inner->inner, groups=cardinality, stride, bn2, ReLU
        conv3 1x1x1 inner->2*inner, bn3
        [stc: STCBlock(2*inner)]                 (optional)
        + downsample(x) or x, ReLU -> (N, 2*inner, T', H', W')

    Module names follow Hara et al.'s code (``conv1``, ``bn1``, ...,
    ``downsample.0``, ``downsample.1``).

    Args:
        in_channels (int): Input channels ``C_in``.
        inner_channels (int): Width of the grouped conv (``inner``).
        stride (Sequence[int]): ``(t, h, w)`` stride of the 3x3x3 conv.
            Defaults to ``(1, 1, 1)``.
        cardinality (int): Groups of the 3x3x3 conv. Defaults to 32.
        downsample (nn.Module, optional): Projection shortcut.
            Defaults to None (identity).
        norm_cfg (dict or ConfigDict): Norm layer config.
            Defaults to ``dict(type='BN3d')``.
        stc_frames (int, optional): Temporal length of this block's output;
            if given, an :class:`STCBlock` is added. Defaults to None.
        stc_ratio (int): Reduction ratio of the STC block. Defaults to 16.
    """
    expansion = 2

    def __init__(self,
                 in_channels: int,
                 inner_channels: int,
                 stride: Sequence[int] = (1, 1, 1),
                 cardinality: int = 32,
                 downsample: Optional[nn.Module] = None,
                 norm_cfg: ConfigType = dict(type='BN3d'),
                 stc_frames: Optional[int] = None,
                 stc_ratio: int = 16) -> None:
        super().__init__()
        out_channels = inner_channels * self.expansion
        self.conv1 = nn.Conv3d(
            in_channels, inner_channels, kernel_size=1, bias=False)
        self.bn1 = build_norm_layer(norm_cfg, inner_channels)[1]
        self.conv2 = nn.Conv3d(
            inner_channels,
            inner_channels,
            kernel_size=3,
            stride=tuple(stride),
            padding=1,
            groups=cardinality,
            bias=False)
        self.bn2 = build_norm_layer(norm_cfg, inner_channels)[1]
        self.conv3 = nn.Conv3d(
            inner_channels, out_channels, kernel_size=1, bias=False)
        self.bn3 = build_norm_layer(norm_cfg, out_channels)[1]
        self.relu = nn.ReLU(inplace=True)
        self.stc = None if stc_frames is None else STCBlock(
            out_channels, stc_frames, ratio=stc_ratio)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Run the bottleneck.

        Args:
            x (torch.Tensor): ``(N, C_in, T, H, W)``.

        Returns:
            torch.Tensor: ``(N, 2 * inner, T', H', W')``.
        """
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.stc is not None:
            out = self.stc(out)
        return self.relu(out + identity)


@MODELS.register_module()
class ResNeXt3D(BaseModule):
    """3D-ResNeXt backbone, with optional STC blocks (STC-ResNeXt, "STCnet").

    3D-ResNeXt: Hara et al., "Can Spatiotemporal 3D CNNs Retrace the History
    of 2D CNNs and ImageNet?", CVPR 2018
    (https://arxiv.org/abs/1711.09577). STC block: Diba et al.,
    "Spatio-Temporal Channel Correlation Networks for Action
    Classification", ECCV 2018 (STCnet; see :class:`STCBlock`). Both are the
    backbones of DynamoNet (Diba et al., ICCV 2019).

    ::

        (N, in_channels, T, H, W)
        stem: conv1 conv1_kernel, stride conv1_stride, 'same' padding -> bn1
              -> ReLU -> [maxpool 3x3x3, stride pool1_stride, padding 1]
        layer1..layer{num_stages}: bottlenecks, stage i has inner width
              base_width * 2**i and outputs 2 * base_width * 2**i channels;
              the first block of a stage strides by stage_strides[i] (on
              its 3x3x3 conv and its projection shortcut)
        -> stage outputs out_indices

    With the defaults and a 16 x 112 x 112 clip the stages output
    ``(256, 8, 28, 28)``, ``(512, 4, 14, 14)``, ``(1024, 2, 7, 7)`` and
    ``(2048, 1, 4, 4)`` per sample.

    Fixed by Hara et al. (the defaults): stem conv 7x7x7, 64 channels, stride
    (1, 2, 2); max pool 3 stride 2; bottlenecks 1x1x1 -> grouped 3x3x3
    (cardinality 32, carries the stride) -> 1x1x1 with expansion 2; inner
    widths 128/256/512/1024 (outputs 256/512/1024/2048); stride 2 in T, H, W
    at stages 2-4; projection shortcuts (type B) where the shape changes;
    depth 101 = (3, 4, 23, 3) blocks, 50 = (3, 4, 6, 3); Kaiming init.

    Ours: depth 18 as (2, 2, 2, 2) *bottleneck* blocks (Hara's ResNet-18 uses
    basic blocks; no ResNeXt-18 exists there); the strides, stem kernel and
    pooling as options, for small inputs; with ``use_stc`` one STC block in
    every bottleneck after its last BN and before the residual addition
    (where SE sits; the STC paper does not fix the place), reduction ratio
    ``stc_ratio``. Module names follow Hara et al.'s code (``conv1``,
    ``bn1``, ``layerX.Y.conv2``, ``layerX.Y.downsample.0``, ...), so their
    released weights map onto this module by stripping ``module.`` and
    dropping ``fc``.

    Args:
        depth (int): 18, 50 or 101. Defaults to 101.
        in_channels (int): Input channels. Defaults to 3.
        stem_channels (int): Channels of the stem conv. Defaults to 64.
        base_width (int): Inner width of the first stage; stage ``i`` has
            ``base_width * 2**i``. Must be divisible by ``cardinality``.
            Defaults to 128.
        cardinality (int): Groups of the 3x3x3 convs. Defaults to 32.
        conv1_kernel (Sequence[int]): ``(t, h, w)`` kernel of the stem conv,
            padded by ``(k - 1) // 2``. Defaults to ``(7, 7, 7)``.
        conv1_stride (Sequence[int]): ``(t, h, w)`` stride of the stem conv.
            Defaults to ``(1, 2, 2)``.
        with_pool1 (bool): Whether to max pool after the stem.
            Defaults to True.
        pool1_stride (Sequence[int]): ``(t, h, w)`` stride of that pool
            (kernel 3, padding 1). Defaults to ``(2, 2, 2)``.
        stage_strides (Sequence[Sequence[int]]): ``(t, h, w)`` stride of the
            first block of each stage; the first ``num_stages`` are used.
            Defaults to ``((1, 1, 1), (2, 2, 2), (2, 2, 2), (2, 2, 2))``.
        num_stages (int): Residual stages, 1 to 4. Defaults to 4.
        out_indices (Sequence[int]): Stages whose outputs are returned.
            Defaults to ``(3, )``.
        use_stc (bool): Add an STC block to every bottleneck.
            Defaults to False.
        stc_ratio (int): Reduction ratio of the STC blocks. Defaults to 16.
        num_frames (int, optional): Clip length ``T`` fed to the backbone;
            required with ``use_stc`` (the STC blocks' FCs depend on each
            stage's temporal length, computed from it and the strides).
            Defaults to None.
        frozen_stages (int): Freeze the stem (``>= 0``) and stages
            ``1..frozen_stages`` (parameters fixed, norm layers in eval
            mode). -1 freezes nothing. Defaults to -1.
        norm_eval (bool): Keep all norm layers in eval mode (running
            statistics frozen) during training. Defaults to False.
        norm_cfg (dict or ConfigDict): Norm layer config.
            Defaults to ``dict(type='BN3d')``.
        init_cfg (dict or ConfigDict, optional): Initialization config. None
            means Kaiming normal (fan_out, ReLU) for convs and constant 1 / 0
            for norm layers (the STC blocks' FCs keep PyTorch's default
            init); e.g. ``dict(type='Pretrained', checkpoint=...,
            prefix='backbone.')`` loads pretrained weights instead (give a
            list to combine both: mmengine applies ``Pretrained`` last).
            Defaults to None.
    """

    arch_settings = {
        18: (2, 2, 2, 2),
        50: (3, 4, 6, 3),
        101: (3, 4, 23, 3),
    }

    def __init__(self,
                 *,
                 depth: int = 101,
                 in_channels: int = 3,
                 stem_channels: int = 64,
                 base_width: int = 128,
                 cardinality: int = 32,
                 conv1_kernel: Sequence[int] = (7, 7, 7),
                 conv1_stride: Sequence[int] = (1, 2, 2),
                 with_pool1: bool = True,
                 pool1_stride: Sequence[int] = (2, 2, 2),
                 stage_strides: Sequence[Sequence[int]] = ((1, 1, 1), (2, 2,
                                                                       2),
                                                           (2, 2, 2), (2, 2,
                                                                       2)),
                 num_stages: int = 4,
                 out_indices: Sequence[int] = (3, ),
                 use_stc: bool = False,
                 stc_ratio: int = 16,
                 num_frames: Optional[int] = None,
                 frozen_stages: int = -1,
                 norm_eval: bool = False,
                 norm_cfg: ConfigType = dict(type='BN3d'),
                 init_cfg: OptMultiConfig = None) -> None:
        if init_cfg is None:
            init_cfg = [
                dict(
                    type='Kaiming',
                    layer='Conv3d',
                    mode='fan_out',
                    nonlinearity='relu',
                    distribution='normal'),
                dict(
                    type='Constant',
                    layer=['_BatchNorm', 'GroupNorm'],
                    val=1,
                    bias=0)
            ]
        super().__init__(init_cfg=init_cfg)
        if depth not in self.arch_settings:
            raise KeyError(f'invalid depth {depth} for ResNeXt3D, expected '
                           f'one of {sorted(self.arch_settings)}')
        if not 1 <= num_stages <= 4:
            raise ValueError(f'num_stages must be 1..4, got {num_stages}')
        if len(stage_strides) < num_stages:
            raise ValueError(f'stage_strides has {len(stage_strides)} '
                             f'entries, need {num_stages}')
        out_indices = tuple(out_indices)
        if not out_indices or not all(0 <= i < num_stages
                                      for i in out_indices):
            raise ValueError(f'out_indices {out_indices} must be in '
                             f'[0, {num_stages})')
        if base_width % cardinality:
            raise ValueError(f'base_width ({base_width}) must be divisible '
                             f'by cardinality ({cardinality})')
        if not -1 <= frozen_stages <= num_stages:
            raise ValueError(f'frozen_stages must be in [-1, {num_stages}], '
                             f'got {frozen_stages}')
        if use_stc and num_frames is None:
            raise ValueError('use_stc=True needs num_frames (the clip '
                             'length fed to the backbone)')

        self.depth = depth
        self.in_channels = in_channels
        self.stem_channels = stem_channels
        self.base_width = base_width
        self.cardinality = cardinality
        self.conv1_kernel = _triple(conv1_kernel)
        self.conv1_stride = _triple(conv1_stride)
        self.with_pool1 = with_pool1
        self.pool1_stride = _triple(pool1_stride)
        self.stage_strides = [_triple(s) for s in stage_strides[:num_stages]]
        self.num_stages = num_stages
        self.out_indices = out_indices
        self.use_stc = use_stc
        self.stc_ratio = stc_ratio
        self.num_frames = num_frames
        self.frozen_stages = frozen_stages
        self.norm_eval = norm_eval
        self.norm_cfg = norm_cfg
        self.stage_blocks = self.arch_settings[depth][:num_stages]

        # stem
        padding = tuple((k - 1) // 2 for k in self.conv1_kernel)
        self.conv1 = nn.Conv3d(
            in_channels,
            stem_channels,
            kernel_size=self.conv1_kernel,
            stride=self.conv1_stride,
            padding=padding,
            bias=False)
        self.bn1 = build_norm_layer(norm_cfg, stem_channels)[1]
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool3d(
            kernel_size=3, stride=self.pool1_stride, padding=1) \
            if with_pool1 else None

        # temporal length after the stem (only needed by the STC blocks)
        t = None
        if num_frames is not None:
            t = _out_len(num_frames, self.conv1_kernel[0],
                         self.conv1_stride[0], padding[0])
            if with_pool1:
                t = _out_len(t, 3, self.pool1_stride[0], 1)

        self.out_channels: List[int] = []
        self.res_layers: List[str] = []
        in_ch = stem_channels
        for i, num_blocks in enumerate(self.stage_blocks):
            inner = base_width * 2**i
            stride = self.stage_strides[i]
            if t is not None:
                t = _out_len(t, 3, stride[0], 1)
                if t < 1:
                    raise ValueError(
                        f'num_frames={num_frames} is too short for the '
                        f'temporal strides: stage {i + 1} would have T < 1')
            layer = self._make_stage(in_ch, inner, num_blocks, stride,
                                     t if use_stc else None)
            layer_name = f'layer{i + 1}'
            self.add_module(layer_name, layer)
            self.res_layers.append(layer_name)
            in_ch = inner * ResNeXtBottleneck3D.expansion
            self.out_channels.append(in_ch)
        self.feat_dim = self.out_channels[max(out_indices)]
        self._freeze_stages()

    def _make_stage(self, in_channels: int, inner: int, num_blocks: int,
                    stride: Tuple[int, int, int],
                    stc_frames: Optional[int]) -> nn.Sequential:
        """Build one stage; its first block carries the stride."""
        out_channels = inner * ResNeXtBottleneck3D.expansion
        downsample = None
        if any(s != 1 for s in stride) or in_channels != out_channels:
            downsample = nn.Sequential(
                nn.Conv3d(
                    in_channels,
                    out_channels,
                    kernel_size=1,
                    stride=stride,
                    bias=False),
                build_norm_layer(self.norm_cfg, out_channels)[1])
        common = dict(
            cardinality=self.cardinality,
            norm_cfg=self.norm_cfg,
            stc_frames=stc_frames,
            stc_ratio=self.stc_ratio)
        blocks = [
            ResNeXtBottleneck3D(
                in_channels, inner, stride, downsample=downsample, **common)
        ]
        blocks += [
            ResNeXtBottleneck3D(out_channels, inner, **common)
            for _ in range(1, num_blocks)
        ]
        return nn.Sequential(*blocks)

    def forward(self, x: torch.Tensor) \
            -> Union[torch.Tensor, Tuple[torch.Tensor, ...]]:
        """Extract features.

        Args:
            x (torch.Tensor): Clips of shape ``(N, in_channels, T, H, W)``;
                with ``use_stc``, ``T`` must equal ``num_frames``.

        Returns:
            torch.Tensor or tuple[torch.Tensor]: The output of stage
            ``out_indices[0]``, ``(N, out_channels[i], T_i, H_i, W_i)``, when
            one index is given; otherwise a tuple of the stage outputs in
            stage order.
        """
        x = self.relu(self.bn1(self.conv1(x)))
        if self.maxpool is not None:
            x = self.maxpool(x)
        outs = []
        for i, layer_name in enumerate(self.res_layers):
            x = getattr(self, layer_name)(x)
            if i in self.out_indices:
                outs.append(x)
        if len(outs) == 1:
            return outs[0]
        return tuple(outs)

    def _freeze_stages(self) -> None:
        """Fix the stem and stages ``1..frozen_stages``; eval their norms."""
        frozen = []
        if self.frozen_stages >= 0:
            frozen += [self.conv1, self.bn1]
        for i in range(1, self.frozen_stages + 1):
            frozen.append(getattr(self, f'layer{i}'))
        for m in frozen:
            m.eval()
            for param in m.parameters():
                param.requires_grad = False

    def init_weights(self) -> None:
        """As ``BaseModule``'s, but a ``Pretrained`` checkpoint that does not
        hold this backbone (missing, unexpected or mis-shaped keys under its
        prefix) is refused with the keys listed, where MMEngine would only
        warn and leave the mismatched weights random."""
        cfg = self.init_cfg
        if isinstance(cfg, dict) and cfg.get('type') == 'Pretrained':
            check_pretrained(self, cfg['checkpoint'], cfg.get('prefix'))
        super().init_weights()

    def train(self, mode: bool = True) -> 'ResNeXt3D':
        """Set train mode, keeping frozen stages (and, with ``norm_eval``,
        all norm layers) in eval mode."""
        super().train(mode)
        self._freeze_stages()
        if mode and self.norm_eval:
            for m in self.modules():
                if isinstance(m, _BatchNorm):
                    m.eval()
        return self
