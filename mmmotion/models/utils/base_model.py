"""The preamble shared by mmmotion's own models (not MMAction2 recognizers):
the default data preprocessor, the registry scope and the backbone."""
import torch.nn as nn
from mmaction.utils import ConfigType, OptConfigType, OptMultiConfig
from mmengine.model import BaseModel

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope


class MotionBaseModel(BaseModel):
    """Base of the self-supervised models and the test-time wrappers
    (``AtomicFlowPredictor``, ``CoarseToFineMotion``, ``FeatureExtractor``,
    ``LateFusionRecognizer``).

    Ours: it builds the data preprocessor (MMAction2's
    ``ActionDataPreprocessor`` with ``format_shape='NCTHW'`` when none is
    given) and the backbone (when given) in mmmotion's registry scope, so
    that bare type names inside an MMAction2 config resolve
    (:func:`~mmmotion.utils.scope.mmmotion_scope`). Subclasses build their
    other parts with :meth:`build_part`. The backbone is ``self.backbone``,
    the first part built, as in every recorded checkpoint.

    Args:
        backbone (dict or ConfigDict, optional): The backbone config; None
            for a model without one. Defaults to None.
        data_preprocessor (dict or ConfigDict, optional): Config of the data
            preprocessor. Defaults to None (MMAction2's
            ``ActionDataPreprocessor`` with ``format_shape='NCTHW'``).
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 backbone: OptConfigType = None,
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        if data_preprocessor is None:
            data_preprocessor = dict(
                type='ActionDataPreprocessor', format_shape='NCTHW')
        with mmmotion_scope():
            super().__init__(
                data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        if backbone is not None:
            self.backbone = self.build_part(backbone)

    @staticmethod
    def build_part(cfg: ConfigType) -> nn.Module:
        """Build a registered part (bare type names resolve in mmmotion)."""
        with mmmotion_scope():
            return MODELS.build(cfg)
