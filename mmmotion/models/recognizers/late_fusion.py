"""Late fusion of recognizers (two-stream style): averaged class scores."""
from typing import Optional, Sequence

import torch
from mmaction.utils import ConfigType, OptConfigType, OptMultiConfig
from mmengine.runner.checkpoint import load_checkpoint

from mmmotion.registry import MODELS
from ..utils import MotionBaseModel


@MODELS.register_module()
class LateFusionRecognizer(MotionBaseModel):
    """Average the class scores of several trained recognizers on the same
    clips: e.g. an RGB stream and a motion stream (``MotionStreamBackbone``),
    as two-stream models fuse RGB and flow (``docs/methods.md`` section 3.2,
    downstream (c); the equal default weights are ours).

    Test only: train each stream on its own, then name their checkpoints.
    Each stream's head should average clips as probabilities
    (``average_clips='prob'``) so the fused scores are a weighted mean of
    probabilities.

    Args:
        streams (Sequence[dict or ConfigDict]): Recognizer configs (their
            own data preprocessors are dropped: this model's preprocesses
            once).
        checkpoints (Sequence[str], optional): One checkpoint per stream.
            Defaults to None (each stream's own init).
        weights (Sequence[float], optional): Fusion weights (normalised).
            Defaults to None (equal weights, ours).
        data_preprocessor (dict or ConfigDict, optional): Config of the data
            preprocessor. Defaults to None (MMAction2's
            ``ActionDataPreprocessor`` with ``format_shape='NCTHW'``).
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 streams: Sequence[ConfigType],
                 checkpoints: Optional[Sequence[str]] = None,
                 weights: Optional[Sequence[float]] = None,
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.streams = torch.nn.ModuleList(
            self.build_part(dict(s, data_preprocessor=None)) for s in streams)
        n = len(self.streams)
        if n < 2:
            raise ValueError(f'late fusion needs >= 2 streams, got {n}')
        if checkpoints is not None and len(checkpoints) != n:
            raise ValueError(f'{len(checkpoints)} checkpoints for {n} '
                             'streams')
        weights = list(weights) if weights is not None else [1.0] * n
        if len(weights) != n or min(weights) < 0 or sum(weights) <= 0:
            raise ValueError(f'need {n} non-negative weights, got {weights}')
        self.weights = [w / sum(weights) for w in weights]
        self.checkpoints = checkpoints

    def init_weights(self) -> None:
        for i, stream in enumerate(self.streams):
            if self.checkpoints:
                load_checkpoint(
                    stream,
                    self.checkpoints[i],
                    map_location='cpu',
                    strict=True)
            else:
                stream.init_weights()

    def forward(self, inputs, data_samples=None, mode: str = 'predict'):
        if mode != 'predict':
            raise RuntimeError('LateFusionRecognizer only predicts: train '
                               'each stream on its own')
        fused = None
        for w, stream in zip(self.weights, self.streams):
            out = stream(
                inputs, [s.clone() for s in data_samples], mode='predict')
            scores = torch.stack([o.pred_score for o in out])
            fused = w * scores if fused is None else fused + w * scores
        for sample, score in zip(data_samples, fused):
            sample.set_pred_score(score)
        return data_samples
