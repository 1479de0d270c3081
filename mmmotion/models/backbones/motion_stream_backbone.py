"""A motion stream: predicted motion maps in place of optical flow."""
from typing import Optional

import torch
from mmaction.utils import ConfigType, OptMultiConfig
from mmengine.model import BaseModule
from mmengine.runner.checkpoint import load_checkpoint

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope


@MODELS.register_module()
class MotionStreamBackbone(BaseModule):
    """Run a (frozen) self-supervised motion model on the RGB clip and feed
    its motion maps to a 3D backbone, as two-stream models feed optical flow.

    Tian et al. (ECCV 2020) use their learned motion for recognition; the
    motion stream is ``docs/methods.md`` section 3.2's downstream (b). Ours:
    the
    motion model (``CoarseToFineMotion``) gives ``(N, 2, T - 1, H, W)`` in
    pixels, divided by ``motion_scale`` (flow streams normalise their input
    too); the backbone takes 2 input channels. The motion model is frozen
    (eval mode, no gradient) unless ``freeze_motion=False``. Use it inside
    MMAction2's ``Recognizer3D``; fuse with an RGB stream by averaging the
    two recognizers' scores (``LateFusionRecognizer``).

    Args:
        motion_model (dict or ConfigDict): A ``CoarseToFineMotion`` config.
        backbone (dict or ConfigDict): A 3D backbone config with
            ``in_channels=2``.
        motion_checkpoint (str, optional): Weights of the motion model (a
            pretraining checkpoint). Defaults to None (the motion model's own
            init).
        motion_scale (float): The motion maps are divided by it.
            Defaults to 4.0.
        freeze_motion (bool): Keep the motion model fixed. Defaults to True.
        init_cfg (dict or ConfigDict, optional): Initialization config of the
            whole module. Defaults to None.
    """

    def __init__(self,
                 motion_model: ConfigType,
                 backbone: ConfigType,
                 motion_checkpoint: Optional[str] = None,
                 motion_scale: float = 4.0,
                 freeze_motion: bool = True,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(init_cfg=init_cfg)
        with mmmotion_scope():
            self.motion_model = MODELS.build(motion_model)
            self.backbone = MODELS.build(backbone)
        self.motion_checkpoint = motion_checkpoint
        self.motion_scale = motion_scale
        self.freeze_motion = freeze_motion
        if freeze_motion:
            for p in self.motion_model.parameters():
                p.requires_grad_(False)

    def init_weights(self) -> None:
        self.backbone.init_weights()
        if self.motion_checkpoint:
            load_checkpoint(
                self.motion_model,
                self.motion_checkpoint,
                map_location='cpu',
                strict=True)
        else:
            self.motion_model.init_weights()

    def train(self, mode: bool = True):
        super().train(mode)
        if self.freeze_motion:
            self.motion_model.eval()
        return self

    def forward(self, x: torch.Tensor):
        """The backbone's features of the clips' motion maps.

        Args:
            x (torch.Tensor): ``(N, C, T, H, W)`` RGB clips.

        Returns:
            torch.Tensor or tuple[torch.Tensor]: The backbone's output for
            the ``(N, 2, T - 1, H, W)`` motion maps.
        """
        with torch.set_grad_enabled(torch.is_grad_enabled()
                                    and not self.freeze_motion):
            motion = self.motion_model.motion(self.motion_model._clips(x))
        return self.backbone(motion / self.motion_scale)
