"""Luo et al.'s self-supervised model: a frame pair in, N atomic flows out."""
from typing import Dict, List, Optional

import numpy as np
import torch
from mmaction.utils import ConfigType, OptConfigType, OptMultiConfig

from mmmotion.registry import MODELS
from mmmotion.utils.data_sample import sample_field
from ..utils import MotionBaseModel


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

    Args:
        backbone (dict or ConfigDict): Config of the encoder (paper: a
            ConvLSTM encoder).
        head (dict or ConfigDict): Config of the decoder head, which owns
            the loss; ``in_channels`` defaults to the encoder's.
        data_preprocessor (dict or ConfigDict, optional): Config of the data
            preprocessor. Defaults to None (MMAction2's
            ``ActionDataPreprocessor`` with ``format_shape='NCTHW'``).
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 backbone: ConfigType,
                 head: ConfigType,
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(
            backbone=backbone,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        head = dict(head)
        head.setdefault('in_channels', self.backbone.out_channels)
        self.head = self.build_part(head)

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
            ``(S, Hp, Wp, D)``, ``pred_codes`` ``(S, Hp, Wp)`` and, with
            targets, ``target_flow``, ``target_codes``, ``zero_code`` and
            ``codewords``.
        """
        targets = self._targets(data_samples, False)
        out: Dict = self.head.predict(self.logits(inputs), targets)
        cb = self.head.codebook
        zero = int(cb.quantize(torch.zeros(1, cb.dim))[0])
        for i, sample in enumerate(data_samples):
            sample.set_field(out['pred_flow'][i].cpu(), 'pred_flow')
            sample.set_field(out['pred_codes'][i].cpu(), 'pred_codes')
            if targets is not None:
                sample.set_field(targets[i].cpu(), 'target_flow')
                sample.set_field(out['target_codes'][i].cpu(), 'target_codes')
                sample.set_field(zero, 'zero_code')
                sample.set_field(cb.codewords.detach().cpu(), 'codewords')
        return data_samples
