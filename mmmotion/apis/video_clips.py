"""A video (a file, a list of frames or an array) read through a model's own
test pipeline, as one clip or as windows that slide over the whole video.

The config's pipeline is split into its parts by transform type:

- *open*: the transforms that open the file (``...Init``: ``DecordInit``,
  ``SafeDecordInit``, ``DepthInit``, ...), which give ``total_frames``;
- *sample*: the frame sampler (``SampleFrames``, ``UniformSample``, ...) and
  ``CheckFrameCount``;
- *decode*: the transforms that read the sampled frames (``...Decode``);
- *rest*: everything after (resize, crop, normalisation, ``FormatShape``,
  ``PackActionInputs``), run as the config has it. Training-target
  transforms (``AtomicFlowTargets``) and random camera motion are dropped:
  inference has no targets.

A list of frames or an array replaces *open* and *decode*: the frames are
taken as decoded (``H x W x C`` uint8 RGB, or ``H x W`` depth as the depth
decoder gives it).

Windows (ours, for videos longer than one clip): frames every
``frame_interval`` (the sampler's) from the first, cut into windows of
``clip_len`` frames that start every ``stride`` sampled frames (by default
``clip_len - 1``: consecutive windows share one frame, so that every
consecutive pair of sampled frames is in exactly one window); the last
window ends at the last sampled frame (it may overlap its neighbour more).
"""
from typing import Dict, Iterator, List, Optional, Sequence, Union

import numpy as np
from mmengine.config import Config
from mmengine.dataset import Compose, pseudo_collate
from mmengine.registry import DefaultScope

SAMPLERS = ('SampleFrames', 'UniformSample', 'UniformSampleFrames',
            'DenseSampleFrames', 'CheckFrameCount')
DROPPED = ('AtomicFlowTargets', 'RandomCameraMotion', 'SyntheticMotion')

VideoInput = Union[str, np.ndarray, Sequence[np.ndarray]]


def _type(t: dict) -> str:
    return t['type'] if isinstance(t['type'], str) else t['type'].__name__


def video_pipeline_cfg(cfg: Config) -> List[dict]:
    """The pipeline a model is tested with that reads videos: the first of
    the test, val and train datasets' whose pipeline has a frame sampler
    (a test set of frame pairs with ground-truth flow has none)."""
    for split in ('test', 'val', 'train'):
        loader = cfg.get(f'{split}_dataloader') or {}
        ds = loader.get('dataset') or {}
        while 'dataset' in ds and 'pipeline' not in ds:  # wrappers
            ds = ds['dataset']
        pipe = ds.get('pipeline')
        if pipe and any(_type(t) in SAMPLERS for t in pipe):
            return [dict(t) for t in pipe]
    if cfg.get('test_pipeline'):
        return [dict(t) for t in cfg.test_pipeline]
    raise ValueError('the config has no dataset pipeline with a frame '
                     'sampler (SampleFrames, UniformSample, ...): give '
                     'inference a pipeline (test_pipeline=...)')


class ClipReader:
    """Read clips of one video through a config's pipeline.

    Args:
        pipeline (list[dict]): The config's test pipeline.
        video (str | ndarray | list[ndarray]): A file the pipeline's loader
            reads, or the decoded frames (``T x H x W x C`` RGB uint8, or
            ``T x H x W`` depth).
        modality (str): ``'RGB'`` or ``'Depth'`` for the data dict.
            Defaults to ``'RGB'``.
    """

    def __init__(self,
                 pipeline: List[dict],
                 video: VideoInput,
                 modality: str = 'RGB') -> None:
        kinds = [_type(t) for t in pipeline]
        self.sampler = next(
            (t for t in pipeline
             if _type(t) in SAMPLERS and _type(t) != 'CheckFrameCount'), None)
        if self.sampler is None:
            raise ValueError(f'the pipeline {kinds} has no frame sampler')
        last_decode = max(
            (i for i, k in enumerate(kinds) if k.endswith('Decode')),
            default=-1)
        self.cfg_open = [t for t in pipeline if _type(t).endswith('Init')]
        self.cfg_sample = [t for t in pipeline if _type(t) in SAMPLERS]
        self.cfg_decode = [
            t for t in pipeline[:last_decode + 1]
            if _type(t).endswith('Decode')
        ]
        self.cfg_rest = [
            t for t in pipeline[last_decode + 1:] if _type(t) not in DROPPED
            and _type(t) not in SAMPLERS and not _type(t).endswith('Init')
        ]
        with DefaultScope.overwrite_default_scope('mmmotion'):
            import mmmotion  # noqa: F401
            self.open = Compose(self.cfg_open)
            self.sample = Compose(self.cfg_sample)
            self.decode = Compose(self.cfg_decode)
            self.rest = Compose(self.cfg_rest)
        self.frames = None
        if isinstance(video, str):
            base = dict(
                filename=video, label=-1, start_index=0, modality=modality)
            out = self.open(base)
            if out is None:
                raise ValueError(f'{video}: the pipeline could not open it')
            self.base = out
        else:
            frames = video if isinstance(video, np.ndarray) else np.stack(
                [np.asarray(f) for f in video])
            if frames.ndim not in (3, 4) or len(frames) == 0:
                raise ValueError('frames must be T x H x W (x C) with T >= 1,'
                                 f' got shape {frames.shape}')
            self.frames = frames
            self.base = dict(
                label=-1,
                start_index=0,
                modality=modality,
                total_frames=len(frames),
                filename='<array>')
        self.total_frames = int(self.base['total_frames'])

    @property
    def frame_interval(self) -> int:
        return int(self.sampler.get('frame_interval', 1))

    @property
    def clip_len(self) -> int:
        return int(self.sampler.get('clip_len', 1))

    def _decode(self, results: dict) -> dict:
        if self.frames is None:
            return self.decode(results)
        inds = np.asarray(results['frame_inds']).reshape(-1)
        imgs = [self.frames[i] for i in inds]
        results.update(
            imgs=imgs,
            img_shape=imgs[0].shape[:2],
            original_shape=imgs[0].shape[:2])
        return results

    def pipeline_clip(self) -> tuple:
        """The clip(s) the config's test pipeline samples, packed, and
        their frame indices in the source."""
        results = self.sample(dict(self.base))
        if results is None:
            raise ValueError(f'{self.base.get("filename")}: '
                             f'{self.total_frames} frames are too few for '
                             'the pipeline\'s sampler')
        inds = np.asarray(results['frame_inds']).reshape(-1) - \
            self.base.get('start_index', 0)
        return self.rest(self._decode(results)), inds

    def window_starts(self,
                      clip_len: int,
                      stride: Optional[int] = None) -> List[int]:
        """Starts, in sampled frames, of the windows over the video."""
        n = len(range(0, self.total_frames, self.frame_interval))
        if n < clip_len:
            raise ValueError(
                f'{self.base.get("filename")}: {self.total_frames} frames '
                f'give {n} frames every {self.frame_interval}, fewer than '
                f'one window of {clip_len}')
        stride = stride or max(clip_len - 1, 1)
        starts = list(range(0, n - clip_len + 1, stride))
        if starts[-1] != n - clip_len:
            starts.append(n - clip_len)
        return starts

    def window(self, start: int, clip_len: int) -> Dict:
        """The window of ``clip_len`` sampled frames from sampled frame
        ``start``, through the decode and the rest of the pipeline."""
        inds = (np.arange(clip_len) + start) * self.frame_interval
        results = dict(
            self.base,
            frame_inds=inds + self.base.get('start_index', 0),
            clip_len=clip_len,
            frame_interval=self.frame_interval,
            num_clips=1)
        out = self.rest(self._decode(results))
        out['frame_inds'] = inds
        return out

    def windows(self,
                clip_len: int,
                stride: Optional[int] = None,
                batch_size: int = 1) -> Iterator[tuple]:
        """Batches ``(collated data, source frame indices)`` of windows."""
        starts = self.window_starts(clip_len, stride)
        for i in range(0, len(starts), batch_size):
            batch = [
                self.window(s, clip_len) for s in starts[i:i + batch_size]
            ]
            inds = [b.pop('frame_inds') for b in batch]
            yield pseudo_collate(batch), inds
