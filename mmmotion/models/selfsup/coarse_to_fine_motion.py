"""Tian et al.'s self-supervised motion model: coarse motion from a video
encoder, upsampled with the frame's context, learned by warping."""
from typing import Dict, List

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.utils import ConfigType, OptConfigType, OptMultiConfig

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope
from ..utils import MotionBaseModel


def context_encoder(in_channels: int,
                    channels: int,
                    stride: int = 1) -> nn.Sequential:
    """The light 2D encoder of the frame's context (ours).

    ``stride`` 1: two 3x3 convs at full resolution (the recorded configs).
    ``stride`` 2**j (an upsampler's ``context_stride``, issue 15): j 3x3
    convs of stride 2 (the first to ``channels // 2``), each output cell
    read from every full-resolution pixel below it, then one 3x3 conv at
    the coarse grid.
    """
    if stride == 1:
        return nn.Sequential(
            nn.Conv2d(in_channels, channels, 3, padding=1),
            nn.ReLU(inplace=True), nn.Conv2d(channels, channels, 3, padding=1),
            nn.ReLU(inplace=True))
    j = stride.bit_length() - 1
    if stride != 2**j:
        raise ValueError(f'the context stride must be a power of 2, got '
                         f'{stride}')
    layers, c = [], in_channels
    for i in range(j):
        out = channels // 2 if i == 0 and j > 1 else channels
        layers += [
            nn.Conv2d(c, out, 3, stride=2, padding=1),
            nn.ReLU(inplace=True)
        ]
        c = out
    layers += [nn.Conv2d(c, channels, 3, padding=1), nn.ReLU(inplace=True)]
    return nn.Sequential(*layers)


def _upsampler_class(cfg: dict) -> type:
    t = cfg['type']
    if isinstance(t, type):
        return t
    with mmmotion_scope():
        cls = MODELS.get(t)
    if cls is None:
        raise KeyError(f'upsampler type {t!r} is not registered')
    return cls


@MODELS.register_module()
class CoarseToFineMotion(MotionBaseModel):
    """Self-supervised motion (Tian et al., ECCV 2020, "Self-supervised
    Motion Representation via Scattering Local Motion Cues").

    Paper (abstract): low-resolution motion maps are decoded from the
    spatio-temporal features of a video encoder and upsampled to full
    resolution by a context-guided motion upsampling layer; no flow labels.

    Ours (``docs/methods.md`` section 3.2): the backbone is any MMAction2 3D
    backbone, the decoder a ``MotionDecoderHead``, which owns the losses
    (Charbonnier on the warped frame over the in-frame pixels, ``1 -
    SSIM``, edge-aware smoothness: its ``loss_photo``, ``loss_ssim``,
    ``loss_smooth``); for pair t the context is a light 2D encoder of frame
    t; the full-resolution motion warps frame t+1 onto frame t
    (``backward_warp``). The upsampler ablation is a config swap:
    ``dict(type='ContextGuidedUpsample')`` (the paper's layer),
    ``dict(type='BilinearUpsample')`` or ``dict(type='DeconvUpsample')`` (a
    learned transposed convolution of the same scale; both ours).

    Frames must be on a [0, 1] scale (RGB: a data preprocessor with mean 0,
    std 255; depth: ``DepthNormalize``).

    ``predict`` attaches ``pred_motion`` ``(2, T - 1, H, W)`` (pixels, from
    frame t to t+1) and ``frames`` ``(C, T, H, W)`` of each sample's first
    clip.

    Args:
        backbone (dict or ConfigDict): Config of a 3D video encoder.
        decoder (dict or ConfigDict): Config of a ``MotionDecoderHead``
            (with its losses), or of a ``PairwiseFlowHead`` (issue 15: it
            also reads the frames, pair by pair; ``reads_frames``).
        in_channels (int): Channels of the frames, for the context encoder.
            Defaults to 3.
        upsampler (dict or ConfigDict): Config of a registered upsampler
            called ``(low, context)``; its ``scale`` defaults to the
            decoder's ``out_stride``, and when it ``requires_context`` (the
            context-guided layer) its ``context_channels`` to this model's.
            Defaults to ``dict(type='ContextGuidedUpsample', kernel_size=3)``
            (the paper's layer; k = 3 is ours).
        context_channels (int): Width of the context encoder (ours), built
            only for an upsampler that needs context. Defaults to 16.
        data_preprocessor (dict or ConfigDict, optional): Config of the data
            preprocessor. Defaults to None (MMAction2's
            ``ActionDataPreprocessor`` with ``format_shape='NCTHW'``).
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 backbone: ConfigType,
                 decoder: ConfigType,
                 in_channels: int = 3,
                 upsampler: ConfigType = dict(
                     type='ContextGuidedUpsample', kernel_size=3),
                 context_channels: int = 16,
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        if not isinstance(upsampler, dict) or 'type' not in upsampler:
            raise TypeError(
                'upsampler must be a registered type given as a dict, e.g. '
                "dict(type='ContextGuidedUpsample', kernel_size=3), "
                "dict(type='BilinearUpsample') or dict(type='DeconvUpsample')"
                f', got {upsampler!r}')
        super().__init__(
            backbone=backbone,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.decoder = self.build_part(decoder)
        s = self.decoder.out_stride
        upsampler = dict(upsampler)
        upsampler.setdefault('scale', s)
        if upsampler['scale'] != s:
            raise ValueError(f"the upsampler's scale {upsampler['scale']} is "
                             f"not the decoder's out_stride {s}")
        self.with_context = bool(
            getattr(_upsampler_class(upsampler), 'requires_context', False))
        if self.with_context:
            upsampler.setdefault('context_channels', context_channels)
            if upsampler['context_channels'] != context_channels:
                raise ValueError(
                    f"the upsampler's context_channels "
                    f"{upsampler['context_channels']} differ from the context "
                    f'encoder width context_channels={context_channels}')
            # built before the upsampler: the recorded checkpoints' order
            self.context = context_encoder(in_channels, context_channels,
                                           upsampler.get('context_stride', 1))
        self.upsample = self.build_part(upsampler)

    def _clips(self, inputs: torch.Tensor) -> torch.Tensor:
        if inputs.dim() == 6:
            inputs = inputs.flatten(0, 1)
        if inputs.dim() != 5 or inputs.shape[2] < 2:
            raise ValueError('CoarseToFineMotion needs clips (N, C, T, H, W) '
                             f'of T >= 2 frames, got {tuple(inputs.shape)}')
        if not torch.isfinite(inputs).all():
            raise ValueError('the input frames hold NaN or inf values')
        return inputs

    def motion(self, clips: torch.Tensor) -> torch.Tensor:
        """Full-resolution motion of clips.

        Args:
            clips (torch.Tensor): ``(N, C, T, H, W)`` clips on [0, 1].

        Returns:
            torch.Tensor: ``(N, 2, T - 1, H, W)`` motion in pixels, from
            frame t to t+1.
        """
        n, c, t, h, w = clips.shape
        feats = self.backbone(clips)
        if getattr(self.decoder, 'reads_frames', False):
            low = self.decoder(feats, (t, h, w), frames=clips)
        else:
            low = self.decoder(feats, (t, h, w))
        s = self.decoder.out_stride
        low = low.transpose(1, 2).reshape(n * (t - 1), 2, h // s, w // s)
        context = None
        if self.with_context:
            frames = clips[:, :, :-1].transpose(1, 2).reshape(
                n * (t - 1), c, h, w)
            context = self.context(frames)
        flow = self.upsample(low, context)
        return flow.view(n, t - 1, 2, h, w).transpose(1, 2)

    def forward(self, inputs, data_samples=None, mode: str = 'tensor'):
        """Run in one of MMEngine's three modes.

        Args:
            inputs (torch.Tensor): ``(N, C, T, H, W)`` clips, or
                ``(N, num_clips, C, T, H, W)`` (the clips are folded into
                the batch).
            data_samples (list[ActionDataSample], optional): The samples'
                data, for ``'predict'``. Defaults to None.
            mode (str): ``'tensor'``, ``'loss'`` or ``'predict'``.
                Defaults to ``'tensor'``.

        Returns:
            torch.Tensor or dict or list: ``'tensor'``: the motion
            ``(N', 2, T - 1, H, W)`` (``N' = N * num_clips``); ``'loss'``:
            the decoder head's losses; ``'predict'``: the data samples with
            ``pred_motion`` and ``frames`` attached.
        """
        clips = self._clips(inputs)
        if mode == 'tensor':
            return self.motion(clips)
        if mode == 'loss':
            return self.loss(clips)
        if mode == 'predict':
            return self.predict(clips, data_samples)
        raise RuntimeError(f'Invalid mode "{mode}"')

    def loss(self, clips: torch.Tensor) -> Dict[str, torch.Tensor]:
        """The decoder head's warping losses of the clips' motion.

        Args:
            clips (torch.Tensor): ``(N, C, T, H, W)`` clips on [0, 1].

        Returns:
            dict: The losses of :meth:`MotionDecoderHead.loss`.
        """
        n, c, t, h, w = clips.shape
        flow = self.motion(clips).transpose(1, 2).reshape(n * (t - 1), 2, h, w)
        prev = clips[:, :, :-1].transpose(1, 2).reshape(n * (t - 1), c, h, w)
        nxt = clips[:, :, 1:].transpose(1, 2).reshape(n * (t - 1), c, h, w)
        return self.decoder.loss(flow, prev, nxt)

    @torch.no_grad()
    def predict(self, clips: torch.Tensor, data_samples: List) -> List:
        """Attach the motion of each sample's first clip.

        Args:
            clips (torch.Tensor): ``(N * num_clips, C, T, H, W)`` clips.
            data_samples (list[ActionDataSample]): One per sample.

        Returns:
            list[ActionDataSample]: The samples with ``pred_motion``
            ``(2, T - 1, H, W)`` and ``frames`` ``(C, T, H, W)``. Frames
            whose size is not a multiple of the decoder's ``out_stride``
            (or ``size_divisor``, a decoder's that needs more) are padded
            (replicated borders) for the model and the motion cropped back
            (ours).
        """
        m = len(clips) // max(len(data_samples), 1)
        # frames of any size (e.g. 149 x 112): replicate-padded to the
        # decoder's stride, the motion cropped back
        h, w = clips.shape[-2:]
        s = getattr(self.decoder, 'size_divisor', self.decoder.out_stride)
        pad = (0, -w % s, 0, -h % s, 0, 0)
        padded = F.pad(clips, pad, mode='replicate') if any(pad) else clips
        motion = self.motion(padded)[..., :h, :w]
        for i, sample in enumerate(data_samples):
            sample.set_field(motion[i * m].cpu(), 'pred_motion')
            sample.set_field(clips[i * m].cpu(), 'frames')
        return data_samples
