"""DynamoNet: dynamic motion filters that predict the next frame, fused with a
3D CNN action classifier (Diba et al., "DynamoNet: Dynamic Action and Motion
Network", ICCV 2019)."""
from typing import Dict, List, Tuple

import torch
from mmaction.models.recognizers.base import BaseRecognizer
from mmaction.utils import ConfigType, OptConfigType, OptMultiConfig

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope
from ..layers.dynamic_filter import apply_dynamic_filters
from ..layers.filter_motion import filters_to_motion


@MODELS.register_module()
class DynamoNet(BaseRecognizer):
    """A recognizer whose clips carry T+1 frames: T in, T predicted.

    The backbone sees frames x_1..x_T; the frame-prediction head turns its
    features into T dynamic filters; filter t applied to x_t predicts x_t+1,
    so the prediction of x_T+1 (the one true future frame) has a target too.

    Paper: loss ``alpha * L_FP + beta * L_cls`` with alpha = 0.1, beta = 1.0,
    L_FP a Huber loss (delta 0.01) on frames (the FP head's ``loss_fp``, as
    MMAction2's heads own their losses); self-supervised pretraining uses
    the FP branch alone (``self_supervised=True``, no classifier, no labels).

    Inputs must be frames on a [0, 1] scale for the Huber threshold to mean
    what the paper meant: for RGB use a data preprocessor with ``mean=[0, 0,
    0], std=[255, 255, 255]``; depth from ``DepthNormalize`` already is.

    Args:
        backbone (dict or ConfigDict): Config of any 3D backbone
            (``ResNeXt3D``, MMAction2's ``ResNet3d``, ``X3D``,
            ``ResNet3dCSN``, ...).
        fp_head (dict or ConfigDict): Config of a ``FramePredictionHead``;
            it owns the FP loss (``loss_fp``, the paper's Huber loss by
            default).
        cls_head (dict or ConfigDict, optional): Config of a ``DynamoHead``
            (or any head whose forward takes ``(features, filters)``); None
            for self-supervised training. Defaults to None.
        alpha (float): Weight of the FP loss in the total (the paper).
            Defaults to 0.1.
        beta (float): Weight of the classification loss (the paper).
            Defaults to 1.0.
        self_supervised (bool): Train the FP branch only (the classifier, if
            any, is not run). Defaults to False.
        padding_mode (str): Border handling of the dynamic filters (ours).
            Defaults to ``'replicate'``.
        data_preprocessor (dict or ConfigDict, optional): Config of the data
            preprocessor. Defaults to None (MMAction2's
            ``ActionDataPreprocessor``).
        train_cfg (dict or ConfigDict, optional): Config of training
            hyperparameters. Defaults to None.
        test_cfg (dict or ConfigDict, optional): Config of testing;
            ``return_frames=True`` makes ``predict`` attach ``pred_frames``,
            ``target_frames`` and ``copy_frames`` (C, T, H, W) of each
            sample's first clip, for ``FramePredictionMetric`` and the
            visualisation hook; ``return_motion=True`` attaches
            ``pred_motion`` (2, T, H, W), the filters read as motion
            (``filters_to_motion``, pixels, from frame t to t+1), and
            ``frames`` (C, T+1, H, W), the clip on the model's scale, for
            ``MotionWarpMetric``. A clip of 2 frames (a pair with
            ground-truth flow) given to a model of T > 1 filters is held
            (ours): its first frame fills the first ``pair_step`` frames of
            a T+1 clip, its second the rest, so filter ``pair_step`` (1 to
            T, default ``(T + 1) // 2``, the middle) maps the first frame to
            the second while the backbone sees both; only that filter's
            motion and frames are attached (``pred_motion`` (2, 1, H, W),
            ``frames`` the pair). Defaults to None.
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 backbone: ConfigType,
                 fp_head: ConfigType,
                 cls_head: OptConfigType = None,
                 alpha: float = 0.1,
                 beta: float = 1.0,
                 self_supervised: bool = False,
                 padding_mode: str = 'replicate',
                 data_preprocessor: OptConfigType = None,
                 train_cfg: OptConfigType = None,
                 test_cfg: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        with mmmotion_scope():  # nested bare names resolve in mmmotion
            super().__init__(
                backbone=backbone,
                cls_head=cls_head,
                data_preprocessor=data_preprocessor,
                train_cfg=train_cfg,
                test_cfg=test_cfg)
            self.fp_head = MODELS.build(fp_head)
        if init_cfg is not None:
            self.init_cfg = init_cfg
        self.alpha = alpha
        self.beta = beta
        self.self_supervised = self_supervised
        self.padding_mode = padding_mode
        if not self_supervised and cls_head is None:
            raise ValueError('DynamoNet needs a cls_head unless '
                             'self_supervised=True')

    # ------------------------------------------------------------ pieces
    def _split(self, inputs: torch.Tensor) -> Tuple[torch.Tensor, int]:
        """(N, M, C, T+1, H, W) -> (N*M, C, T+1, H, W) and M; checks T."""
        if inputs.dim() == 6:
            num_segs = inputs.shape[1]
            inputs = inputs.reshape((-1, ) + inputs.shape[2:])
        elif inputs.dim() == 5:
            num_segs = 1
        else:
            raise ValueError('DynamoNet takes clips (N, M, C, T+1, H, W), '
                             f'got shape {tuple(inputs.shape)}')
        t = self.fp_head.num_frames
        if inputs.shape[2] != t + 1:
            raise ValueError(
                f'DynamoNet with {t} dynamic filters needs clips of {t + 1} '
                f'frames (T input frames plus the next one), got '
                f'{inputs.shape[2]}: sample clip_len = num_frames + 1')
        return inputs, num_segs

    def extract_feat(self,
                     inputs: torch.Tensor,
                     stage: str = 'backbone',
                     **kwargs) -> Tuple:
        """Backbone features of x_1..x_T, and (stage='filters') the filters.

        Returns:
            tuple: ``(feats, filters or None)`` and a kwargs dict, as
            MMAction2's recognizers return.
        """
        x, _ = self._split(inputs)
        feats = self.backbone(x[:, :, :-1])
        if stage == 'backbone':
            return feats, dict()
        filters = self.fp_head(feats, tuple(x.shape[-2:]))
        return (feats, filters), dict()

    def _branches(self, inputs: torch.Tensor) -> Dict[str, torch.Tensor]:
        """The shared part of both branches: ``frames`` (x_1..x_T),
        ``target`` (x_2..x_T+1), backbone ``feats`` and the ``filters``."""
        x, _ = self._split(inputs)
        frames, target = x[:, :, :-1], x[:, :, 1:]
        feats = self.backbone(frames)
        filters = self.fp_head(feats, tuple(x.shape[-2:]))
        return dict(feats=feats, filters=filters, target=target, frames=frames)

    def predict_frames(self, inputs: torch.Tensor) -> Dict[str, torch.Tensor]:
        """Run both branches' shared part; return the frames and filters.

        Returns:
            dict: ``feats``, ``filters``, ``pred`` (N*M, C, T, H, W)
            predictions of x_2..x_T+1, ``target`` (the true x_2..x_T+1) and
            ``frames`` (x_1..x_T).
        """
        out = self._branches(inputs)
        out['pred'] = apply_dynamic_filters(out['frames'], out['filters'],
                                            self.padding_mode)
        return out

    # ------------------------------------------------------------- modes
    def loss(self, inputs: torch.Tensor, data_samples: List, **kwargs) -> dict:
        out = self._branches(inputs)
        feats, filters = out['feats'], out['filters']
        fp = self.fp_head.loss(out['frames'], filters, out['target'],
                               self.padding_mode)['loss_fp']
        losses = dict(loss_fp=self.alpha * fp, fp_huber=fp.detach())
        if not self.self_supervised:
            cls = self.cls_head.loss((feats, filters), data_samples)
            cls['loss_cls'] = self.beta * cls['loss_cls']
            losses.update(cls)
        return losses

    def _hold_pair(self, inputs: torch.Tensor):
        """A 2-frame clip for a model of T > 1 filters: ``(clip, k)``, the
        pair held into T+1 frames (``k`` copies of the first frame, then the
        second), k - 1 the index of the filter that maps one to the other;
        other clips: ``(inputs, None)``."""
        t = self.fp_head.num_frames
        if inputs.dim() not in (5, 6) or inputs.shape[-3] != 2 or t == 1:
            return inputs, None
        cfg = self.test_cfg or {}
        k = cfg.get('pair_step', None) or (t + 1) // 2
        if not 1 <= k <= t:
            raise ValueError(f'test_cfg.pair_step must be in 1..{t}, got {k}')
        first, second = inputs.narrow(-3, 0, 1), inputs.narrow(-3, 1, 1)
        reps = [1] * inputs.dim()
        reps[-3] = k
        held = [first.repeat(reps)]
        reps[-3] = t + 1 - k
        held.append(second.repeat(reps))
        return torch.cat(held, dim=-3), k - 1

    def predict(self, inputs: torch.Tensor, data_samples: List,
                **kwargs) -> List:
        num_segs = inputs.shape[1] if inputs.dim() == 6 else 1
        inputs, pair = self._hold_pair(inputs)
        out = self.predict_frames(inputs)
        if self.with_cls_head and not self.self_supervised:
            data_samples = self.cls_head.predict(
                (out['feats'], out['filters']), data_samples)
        cfg = self.test_cfg or {}
        # the frames (and filters) to report: all, or the held pair's step
        steps = slice(None) if pair is None else slice(pair, pair + 1)
        want_frames = self.self_supervised or cfg.get('return_frames')
        if want_frames:
            for i, sample in enumerate(data_samples):
                j = i * num_segs  # the first clip of each sample
                sample.set_field(out['pred'][j][:, steps].detach(),
                                 'pred_frames')
                sample.set_field(out['target'][j][:, steps].detach(),
                                 'target_frames')
                sample.set_field(out['frames'][j][:, steps].detach(),
                                 'copy_frames')
        if cfg.get('return_motion'):
            x, _ = self._split(inputs)
            motion = filters_to_motion(out['filters'][:, steps],
                                       tuple(x.shape[-2:]))
            clip = x if pair is None else x[:, :, pair:pair + 2]
            for i, sample in enumerate(data_samples):
                j = i * num_segs
                sample.set_field(motion[j].detach().contiguous(),
                                 'pred_motion')
                sample.set_field(clip[j].detach(), 'frames')
        return data_samples

    def _forward(self,
                 inputs: torch.Tensor,
                 stage: str = 'backbone',
                 **kwargs):
        feats, _ = self.extract_feat(inputs, stage=stage)
        return feats
