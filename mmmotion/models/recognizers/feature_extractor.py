"""Pooled backbone features of clips, for retrieval and kNN evaluation."""

import torch
from mmaction.utils import ConfigType, OptConfigType, OptMultiConfig

from mmmotion.registry import MODELS
from mmmotion.utils.checkpoint_keys import key_mismatch
from ..utils import MotionBaseModel


@MODELS.register_module()
class FeatureExtractor(MotionBaseModel):
    """Run a backbone on each clip, average-pool its features over time and
    space, average over a video's clips, and attach the result to the data
    sample as ``feature`` ``(D,)``: the input of ``RetrievalMetric``.

    Method-agnostic (ours): any backbone of any of our pretraining models.
    Test only; load a pretraining checkpoint with ``tools/test.py CONFIG
    CHECKPOINT``: its ``backbone.*`` keys are this model's keys.

    Args:
        backbone (dict or ConfigDict): The backbone config (as in the
            pretraining model).
        feature_index (int): When the backbone returns a tuple, the element
            that holds the features (-1: the last stage of a multi-stage
            backbone; 0 for ``ConvLSTMEncoder``'s ``(h_T, state)``).
            Defaults to -1.
        data_preprocessor (dict or ConfigDict, optional): Config of the data
            preprocessor. Defaults to None (MMAction2's
            ``ActionDataPreprocessor`` with ``format_shape='NCTHW'``).
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 backbone: ConfigType,
                 feature_index: int = -1,
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(
            backbone=backbone,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.feature_index = feature_index
        self._register_load_state_dict_pre_hook(self._check_backbone_keys)

    def _check_backbone_keys(self, state_dict, prefix, *args) -> None:
        """Refuse a checkpoint that does not hold this backbone: every
        ``backbone.*`` key must be there with its shape (other keys, e.g. a
        pretraining model's heads, are ignored)."""
        p = prefix + 'backbone.'
        msg = key_mismatch(
            {
                p + k: v.shape
                for k, v in self.backbone.state_dict().items()
            }, {
                k: v
                for k, v in state_dict.items() if k.startswith(p)
            })
        if msg:
            raise ValueError(
                'FeatureExtractor: the checkpoint does not hold this '
                f'backbone ({type(self.backbone).__name__}); {msg}')

    def extract(self, inputs: torch.Tensor) -> torch.Tensor:
        """``(N, M, C, T, H, W)`` clips -> ``(N, D)`` features."""
        if inputs.dim() == 5:
            inputs = inputs[:, None]
        if inputs.dim() != 6:
            raise ValueError('FeatureExtractor takes clips (N, M, C, T, H, '
                             f'W), got shape {tuple(inputs.shape)}')
        n, m = inputs.shape[:2]
        feats = self.backbone(inputs.flatten(0, 1))
        if isinstance(feats, (tuple, list)):
            feats = feats[self.feature_index]
        if feats.dim() < 2:
            raise ValueError(f'backbone features of shape {tuple(feats.shape)}'
                             ' cannot be pooled')
        feats = feats.flatten(2).mean(2) if feats.dim() > 2 else feats
        return feats.view(n, m, -1).mean(1)

    def forward(self, inputs, data_samples=None, mode: str = 'predict'):
        if mode == 'tensor':
            return self.extract(inputs)
        if mode != 'predict':
            raise RuntimeError('FeatureExtractor is for evaluation only (mode '
                               f"'predict' or 'tensor'), got {mode!r}")
        feats = self.extract(inputs)
        for sample, f in zip(data_samples, feats):
            sample.set_field(f.detach(), 'feature')
        return data_samples
