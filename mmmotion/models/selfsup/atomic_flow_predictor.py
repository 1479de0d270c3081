"""Luo et al.'s self-supervised model: a frame pair in, N atomic flows out."""
from typing import Dict, List, Optional

import numpy as np
import torch
import torch.nn.functional as F
from mmaction.utils import ConfigType, OptConfigType, OptMultiConfig

from mmmotion.registry import MODELS
from mmmotion.utils.data_sample import sample_field
from ..layers.atomic_flow_decoding import DECODES, UPSAMPLES, decode_dense_flow
from ..utils import MotionBaseModel, unit_frames

DENSE_FLOW_KEYS = ('step', 'decode', 'upsample')


@MODELS.register_module()
class AtomicFlowPredictor(MotionBaseModel):
    """Sequence-to-sequence atomic-flow prediction (Luo et al., CVPR 2017).

    ``backbone`` (a ``ConvLSTMEncoder``) reads the pair ``(x_0, x_1)``;
    ``head`` (an ``AtomicFlowHead``) decodes N steps of per-patch codeword
    distributions. Labels are not used: the targets are the clips' patch
    flows (``flow_targets``, from ``AtomicFlowTargets``), packed with
    ``PackActionInputs(algorithm_keys=('flow_targets', ))``.

    ``predict`` attaches to each data sample ``pred_flow`` (the expected flow
    under the predicted distribution, ``(S, Hp, Wp, D)``), ``pred_codes``,
    and, when the sample has targets, ``target_flow``, ``target_codes``, the
    index of the codeword nearest zero motion (``zero_code``) and the
    codewords, for ``AtomicFlowMetric``.

    With ``test_cfg=dict(dense_flow=dict(...))`` (ours, for ground-truth
    flow: ``MotionWarpMetric``), ``predict`` instead attaches ``pred_motion``
    ``(2, 1, H, W)``, one predicted step decoded to a dense 2D flow in
    pixels of the input frames (:func:`~..layers.atomic_flow_decoding.
    decode_dense_flow`; ``step`` 0 is the first predicted step, the flow of
    the pair that FOLLOWS the input pair (x_1 -> x_2, see
    ``AtomicFlowTargets``), so against the truth of the input pair it
    assumes constant velocity), and ``frames`` ``(C, 2, H, W)`` on [0, 1]
    (the data preprocessor's normalisation undone). Frames whose size is not
    a multiple of the encoder's stride are replicate-padded for the model
    and the flow cropped back.

    Args:
        backbone (dict or ConfigDict): Config of the encoder (paper: a
            ConvLSTM encoder).
        head (dict or ConfigDict): Config of the decoder head, which owns
            the loss; ``in_channels`` defaults to the encoder's.
        test_cfg (dict or ConfigDict, optional): ``dense_flow=dict(step=0,
            decode='expected', upsample='bilinear')`` to predict dense
            flow (see above; each key optional). Defaults to None (patch
            flows for ``AtomicFlowMetric``).
        data_preprocessor (dict or ConfigDict, optional): Config of the data
            preprocessor. Defaults to None (MMAction2's
            ``ActionDataPreprocessor`` with ``format_shape='NCTHW'``).
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 backbone: ConfigType,
                 head: ConfigType,
                 test_cfg: OptConfigType = None,
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(
            backbone=backbone,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        head = dict(head)
        head.setdefault('in_channels', self.backbone.out_channels)
        self.head = self.build_part(head)
        self.test_cfg = dict(test_cfg or {})
        dense = self.test_cfg.get('dense_flow')
        if dense is not None:
            dense = dict(dense)
            unknown = set(dense) - set(DENSE_FLOW_KEYS)
            if unknown:
                raise ValueError(f'test_cfg.dense_flow: unknown keys '
                                 f'{sorted(unknown)}; use {DENSE_FLOW_KEYS}')
            if dense.get('decode', 'expected') not in DECODES:
                raise ValueError(f'test_cfg.dense_flow.decode must be one of '
                                 f'{DECODES}, got {dense["decode"]!r}')
            if dense.get('upsample', 'bilinear') not in UPSAMPLES:
                raise ValueError(f'test_cfg.dense_flow.upsample must be one '
                                 f'of {UPSAMPLES}, got {dense["upsample"]!r}')
            n = self.head.num_steps
            if not -n <= dense.get('step', 0) < n:
                raise ValueError(
                    f'test_cfg.dense_flow.step {dense["step"]} is not one of '
                    f'the head\'s {n} steps')
            self.test_cfg['dense_flow'] = dense

    @staticmethod
    def _pairs(inputs: torch.Tensor) -> torch.Tensor:
        if inputs.dim() == 6:
            inputs = inputs.flatten(0, 1)
        if inputs.dim() != 5 or inputs.shape[2] != 2:
            raise ValueError(
                'AtomicFlowPredictor takes frame pairs (N, C, 2, H, W) (after '
                f'AtomicFlowTargets), got {tuple(inputs.shape)}')
        return inputs

    def _targets(self, data_samples: Optional[List],
                 required: bool) -> Optional[torch.Tensor]:
        vals = [sample_field(s, 'flow_targets') for s in data_samples or []]
        if not vals or any(v is None for v in vals):
            if required:
                raise ValueError(
                    'data samples carry no flow_targets: put AtomicFlowTargets'
                    ' in the pipeline and PackActionInputs(algorithm_keys='
                    "('flow_targets', ))")
            return None
        return torch.stack([torch.as_tensor(np.asarray(v)) for v in vals
                            ]).float().to(self.head.cls.weight.device)

    def logits(self, inputs: torch.Tensor) -> torch.Tensor:
        """Codeword logits of frame pairs.

        Args:
            inputs (torch.Tensor): ``(N, C, 2, H, W)`` frame pairs (or
                ``(N, num_clips, C, 2, H, W)``, folded into the batch).

        Returns:
            torch.Tensor: ``(N, K, S, Hp, Wp)`` logits.
        """
        h, state = self.backbone(self._pairs(inputs))
        return self.head(h, state)

    def forward(self,
                inputs: torch.Tensor,
                data_samples: Optional[List] = None,
                mode: str = 'tensor'):
        """Run in one of MMEngine's three modes.

        Args:
            inputs (torch.Tensor): ``(N, C, 2, H, W)`` frame pairs.
            data_samples (list[ActionDataSample], optional): The samples,
                with ``flow_targets`` for ``'loss'``. Defaults to None.
            mode (str): ``'tensor'``, ``'loss'`` or ``'predict'``.
                Defaults to ``'tensor'``.

        Returns:
            torch.Tensor or dict or list: ``'tensor'``: the logits
            ``(N, K, S, Hp, Wp)``; ``'loss'``: the head's losses;
            ``'predict'``: the data samples with the predictions attached.
        """
        if mode == 'tensor':
            return self.logits(inputs)
        if mode == 'loss':
            return self.head.loss(
                self.logits(inputs), self._targets(data_samples, True))
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        raise RuntimeError(f'Invalid mode "{mode}"')

    def predict(self, inputs: torch.Tensor, data_samples: List) -> List:
        """Attach the predicted (and, given targets, the target) flows.

        Args:
            inputs (torch.Tensor): ``(N, C, 2, H, W)`` frame pairs.
            data_samples (list[ActionDataSample]): One per pair.

        Returns:
            list[ActionDataSample]: The samples with ``pred_flow``
            ``(S, Hp, Wp, D)``, ``pred_flow_annealed`` and
            ``pred_flow_adjusted`` (the head's annealed and logit-adjusted
            means), ``pred_codes`` ``(S, Hp, Wp)`` and, with
            targets, ``target_flow``, ``target_codes``, ``zero_code`` and
            ``codewords``; with ``test_cfg.dense_flow``, those of
            :meth:`predict_dense_flow` instead.
        """
        if self.test_cfg.get('dense_flow') is not None:
            return self.predict_dense_flow(inputs, data_samples,
                                           **self.test_cfg['dense_flow'])
        targets = self._targets(data_samples, False)
        out: Dict = self.head.predict(self.logits(inputs), targets)
        cb = self.head.codebook
        zero = int(cb.quantize(torch.zeros(1, cb.dim))[0])
        for i, sample in enumerate(data_samples):
            sample.set_field(out['pred_flow'][i].cpu(), 'pred_flow')
            sample.set_field(out['pred_codes'][i].cpu(), 'pred_codes')
            for k in ('pred_flow_annealed', 'pred_flow_adjusted'):
                sample.set_field(out[k][i].cpu(), k)
            if targets is not None:
                sample.set_field(targets[i].cpu(), 'target_flow')
                sample.set_field(out['target_codes'][i].cpu(), 'target_codes')
                sample.set_field(zero, 'zero_code')
                sample.set_field(cb.codewords.detach().cpu(), 'codewords')
        return data_samples

    def unit_frames(self, pairs: torch.Tensor) -> torch.Tensor:
        """Model inputs back on [0, 1]: the data preprocessor's mean / std
        undone, then frames above 1 (RGB) divided by 255; depth after
        ``DepthNormalize`` is already on [0, 1].

        Args:
            pairs (torch.Tensor): ``(N, C, T, H, W)`` preprocessed inputs.

        Returns:
            torch.Tensor: ``(N, C, T, H, W)`` on [0, 1].
        """
        return unit_frames(self.data_preprocessor, pairs)

    def padded_logits(self, pairs: torch.Tensor) -> tuple:
        """Logits of frame pairs of any size, replicate-padded to the
        encoder's stride (ours): ``(logits (N, K, S, Hp, Wp), patch size)``;
        patch ``(i, j)`` covers pixels ``[i p, (i + 1) p) x [j p, (j + 1) p)``
        of the padded frames."""
        h, w = pairs.shape[-2:]
        s = self.backbone.feature_stride
        pad = (0, -w % s, 0, -h % s, 0, 0)
        padded = F.pad(pairs, pad, mode='replicate') if any(pad) else pairs
        logits = self.logits(padded)
        hp, wp = logits.shape[-2:]
        patch = padded.shape[-1] // wp
        if (hp * patch, wp * patch) != tuple(padded.shape[-2:]):
            raise ValueError(f'a {hp} x {wp} patch grid does not tile frames '
                             f'of {tuple(padded.shape[-2:])}')
        return logits, patch

    @torch.no_grad()
    def predict_dense_flow(self,
                           inputs: torch.Tensor,
                           data_samples: List,
                           step: int = 0,
                           decode: str = 'expected',
                           upsample: str = 'bilinear') -> List:
        """Attach one predicted step as a dense 2D flow, for
        ``MotionWarpMetric`` (ours).

        Args:
            inputs (torch.Tensor): ``(N, C, 2, H, W)`` frame pairs of any
                size (replicate-padded to the encoder's stride for the
                model, the flow cropped back).
            data_samples (list[ActionDataSample]): One per pair.
            step (int): Which predicted step (0: the first, the motion of
                the pair after the input pair). Defaults to 0.
            decode (str): ``'expected'`` codeword or ``'argmax'``.
                Defaults to ``'expected'``.
            upsample (str): ``'bilinear'`` (from the patch centres) or
                ``'nearest'``. Defaults to ``'bilinear'``.

        Returns:
            list[ActionDataSample]: The samples with ``pred_motion``
            ``(2, 1, H, W)`` (pixels of the input frames, from frame t to
            t+1) and ``frames`` ``(C, 2, H, W)`` on [0, 1].
        """
        pairs = self._pairs(inputs)
        h, w = pairs.shape[-2:]
        logits, patch = self.padded_logits(pairs)
        flow = decode_dense_flow(
            logits,
            self.head.codebook.codewords.detach(),
            patch,
            step=step,
            decode=decode,
            upsample=upsample)[..., :h, :w]
        frames = self.unit_frames(pairs)
        m = len(pairs) // max(len(data_samples), 1)
        for i, sample in enumerate(data_samples):
            sample.set_field(flow[i * m][:, None].cpu(), 'pred_motion')
            sample.set_field(frames[i * m].cpu(), 'frames')
        return data_samples
