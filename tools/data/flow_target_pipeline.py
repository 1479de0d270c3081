"""Split a config's pipeline around ``AtomicFlowTargets``, for the tools that
precompute targets and fit codebooks on exactly what training computes."""
import copy
from typing import Dict, List, Optional, Tuple

import numpy as np
from mmcv.transforms import Compose
from mmengine.registry import DefaultScope

from mmmotion.datasets.transforms.flow_targets import (AtomicFlowTargets,
                                                       pair_patch_flow)

TARGETS = ('AtomicFlowTargets', 'mmmotion.AtomicFlowTargets')


def _type(t: dict) -> str:
    return str(t.get('type', ''))


def split_pipeline(pipeline: List[dict]
                   ) -> Tuple[List[dict], List[dict], dict]:
    """``(before sampling, after sampling up to the targets, targets cfg)``.

    The sampling step is the one transform whose type contains ``Sample``
    (``SampleFrames``, ``UniformSample``, ...).
    """
    pipeline = [copy.deepcopy(dict(t)) for t in pipeline]
    ti = [i for i, t in enumerate(pipeline) if _type(t) in TARGETS]
    if len(ti) != 1:
        raise ValueError('the pipeline needs exactly one AtomicFlowTargets, '
                         f'found {len(ti)}')
    si = [i for i, t in enumerate(pipeline[:ti[0]]) if 'Sample' in _type(t)]
    if len(si) != 1:
        raise ValueError('expected one frame-sampling transform (type '
                         f'*Sample*) before AtomicFlowTargets, found '
                         f'{len(si)}')
    before = [t for t in pipeline[:si[0]] if _type(t) != 'CheckFrameCount']
    return before, pipeline[si[0] + 1:ti[0]], pipeline[ti[0]]


def sampling_interval(pipeline: List[dict]) -> int:
    """The ``frame_interval`` of the pipeline's frame-sampling transform
    (1 when it sets none)."""
    sample = [t for t in pipeline if 'Sample' in _type(t)]
    return int(sample[0].get('frame_interval', 1)) if sample else 1


class AllPairTargets:
    """Targets of every pair ``(x_k, x_k+interval)`` of a video, as the
    pipeline of ``cfg`` computes them (same decoding, resizing and target
    settings).

    Args:
        pipeline: a config's pipeline holding ``AtomicFlowTargets``.
        interval (int, optional): frames between the two of a pair: the
            pipeline's sampling interval (the pairs training sees; for
            fitting a codebook), or 1 (consecutive frames: the precompute
            cache, which only consecutive sampling reads). Defaults to the
            pipeline's.
    """

    def __init__(self,
                 pipeline: List[dict],
                 interval: Optional[int] = None) -> None:
        self.interval = interval or sampling_interval(pipeline)
        before, middle, targets = split_pipeline(pipeline)
        with DefaultScope.overwrite_default_scope('mmmotion'):
            self.before = Compose(before)
            self.middle = Compose(middle)
        kw = {
            k: v
            for k, v in targets.items()
            if k not in ('type', 'num_steps', 'cache_dir')
        }
        # the transform's defaults, then the config's values
        self.kwargs = AtomicFlowTargets(1, **kw).kwargs

    def __call__(self, info: Dict) -> np.ndarray:
        """``float32 (T - interval, Hp, Wp, D)`` for one ``data_list``
        entry."""
        results = self.before(copy.deepcopy(info))
        total = results['total_frames']
        d = self.interval
        if total < d + 1:
            raise ValueError(f'{info.get("filename")}: {total} frame(s), a '
                             f'pair {d} frame(s) apart needs {d + 1}')
        results['frame_inds'] = np.arange(total) + results.get(
            'start_index', 0)
        results['clip_len'] = total
        results['frame_interval'] = 1
        results['num_clips'] = 1
        results = self.middle(results)
        imgs = results['imgs']
        return np.stack([
            pair_patch_flow(imgs[k], imgs[k + d], **self.kwargs)
            for k in range(len(imgs) - d)
        ]).astype(np.float32)
