"""A flip that keeps patch-flow targets consistent with the flipped frames."""
import numpy as np
from mmaction.datasets.transforms import Flip

from mmmotion.registry import TRANSFORMS


@TRANSFORMS.register_module()
class MotionFlip(Flip):
    """MMAction2's ``Flip``, plus ``flow_targets`` ``(N, Hp, Wp, D)``: a
    horizontal flip mirrors the patch grid and negates ``dx``; a vertical one
    mirrors the rows and negates ``dy``. ``dz`` is unchanged.

    Same arguments as ``Flip`` (``flip_ratio``, ``direction``, ...).
    """

    def transform(self, results: dict) -> dict:
        results = super().transform(results)
        if results.get('flip') and 'flow_targets' in results:
            t = np.array(results['flow_targets'], dtype=np.float32)
            if results['flip_direction'] == 'horizontal':
                t = t[:, :, ::-1].copy()
                t[..., 0] = -t[..., 0]
            else:
                t = t[:, ::-1].copy()
                t[..., 1] = -t[..., 1]
            results['flow_targets'] = t
        return results
