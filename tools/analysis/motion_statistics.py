"""The motion budget of a protocol: how much the frames its model sees move.

    python tools/analysis/motion_statistics.py CONFIG \
        [--split train|val|test] [--num-clips 50] [--out FILE] \
        [--cfg-options KEY=VALUE ...]

The config's own dataset and pipeline for that split (``cfg.<split>_
dataloader.dataset``, built in the ``mmmotion`` scope), so the frames after
its resize / crop and at its frame interval. ``--num-clips`` samples, evenly
spread over the dataset (deterministic: the random transforms of a training
pipeline are seeded per sample), each with all its clips (a test pipeline's
``NonOverlappingClips`` gives several). For every consecutive frame pair
(t, t+1) of every clip, as ``MotionWarpMetric`` measures motion quality
(frames on [0, 1], DIS on the channel-mean grey ``uint8`` frames, frame t+1
warped onto t by ``backward_warp``, L1 over the in-frame pixels, SSIM of
``mmmotion.models.layers.image_quality``):

- the DIS (medium) flow magnitude: mean, 90th percentile, fraction of pixels
  moving more than 1 px;
- the warp error of zero motion (frame t+1 against t) and of DIS: L1, SSIM;
- the headroom: zero-motion L1 minus DIS L1, and that over zero-motion L1
  (the share of the zero-motion error a good flow removes).

Prints one Markdown table (means over pairs) and a verdict; ``--out`` writes
the table there and the numbers as JSON beside it (``FILE`` with ``.json``).
"""
import argparse
import json
import os
import os.path as osp
import random
import sys
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.models.layers.image_quality import ssim
from mmmotion.models.layers.warp import backward_warp
from mmmotion.registry import DATASETS
from mmmotion.utils.optical_flow import compute_flow, grey_uint8

SUB_PIXEL = 'sub-pixel budget: fix the protocol before tuning the model'
ABOVE_PIXEL = ('budget of 1 px or more: the data moves enough for a motion '
               'model to show')
SAMPLERS = ('SampleFrames', 'UniformSample', 'NonOverlappingClips',
            'DenseSampleFrames')
COLUMNS = (
    ('config', 'config', '{}'),
    ('split', 'split', '{}'),
    ('samples', 'samples', '{}'),
    ('clips', 'clips', '{}'),
    ('pairs', 'pairs', '{}'),
    ('resolution', 'H x W', '{}'),
    ('frame_interval', 'frame interval', '{}'),
    ('dis_mag_mean', 'DIS mag. mean (px)', '{:.3f}'),
    ('dis_mag_p90', 'DIS mag. p90 (px)', '{:.3f}'),
    ('dis_frac_above_1px', 'DIS frac. > 1 px', '{:.3f}'),
    ('dis_mag_content', 'DIS mag. mean on content (px)', '{:.3f}'),
    ('zero_l1', 'zero L1', '{:.4f}'),
    ('zero_ssim', 'zero SSIM', '{:.4f}'),
    ('dis_l1', 'DIS L1', '{:.4f}'),
    ('dis_ssim', 'DIS SSIM', '{:.4f}'),
    ('headroom_l1', 'headroom L1 (zero - DIS)', '{:.4f}'),
    ('headroom_ratio', 'headroom / zero L1', '{:.3f}'),
)
PAIR_KEYS = ('dis_mag_mean', 'dis_mag_p90', 'dis_frac_above_1px',
             'dis_mag_content', 'zero_l1', 'zero_ssim', 'dis_l1', 'dis_ssim')


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config')
    p.add_argument(
        '--split',
        default='train',
        choices=('train', 'val', 'test'),
        help='whose dataloader dataset to read')
    p.add_argument(
        '--num-clips',
        type=int,
        default=50,
        help='dataset samples to read, evenly spread (each with all its '
        'clips)')
    p.add_argument(
        '--out', help='also write the table here (and the JSON beside it)')
    p.add_argument(
        '--seed',
        type=int,
        default=0,
        help='seed of the random transforms (sample i: seed + i)')
    p.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='key=value overrides, as tools/train.py')
    return p.parse_args(argv)


def to_unit(clips: torch.Tensor) -> torch.Tensor:
    """Packed clips as float frames on [0, 1].

    ``uint8`` (RGB as decoded) and float clips above 1 (RGB the data
    preprocessor has not scaled yet) are divided by 255; float clips within
    [0, 1] (depth after ``DepthNormalize``) pass unchanged.

    Args:
        clips (Tensor): ``(N, C, T, H, W)`` (``FormatShape`` NCTHW) or one
            ``(C, T, H, W)`` clip.

    Returns:
        Tensor: ``float32 (N, C, T, H, W)`` on [0, 1].
    """
    clips = torch.as_tensor(clips)
    if clips.dim() == 4:
        clips = clips[None]
    if clips.dim() != 5:
        raise ValueError('expected packed clips (N, C, T, H, W) (FormatShape '
                         f'NCTHW), got shape {tuple(clips.shape)}')
    scale = clips.dtype == torch.uint8
    x = clips.float()
    if not torch.isfinite(x).all():
        raise ValueError('the clips hold NaN or inf values')
    if scale or x.max() > 1 + 1e-3:
        x = x / 255.
    return x.clamp(0, 1)


def pair_statistics(prev: torch.Tensor,
                    nxt: torch.Tensor,
                    preset: str = 'medium') -> Dict[str, float]:
    """DIS flow magnitude and warp errors of one frame pair.

    Args:
        prev (Tensor): ``(C, H, W)`` frame t on [0, 1].
        nxt (Tensor): ``(C, H, W)`` frame t+1 on [0, 1].
        preset (str): The DIS preset. Defaults to ``'medium'``.

    Returns:
        dict: ``dis_mag_mean``, ``dis_mag_p90`` (px),
        ``dis_frac_above_1px``, ``dis_mag_content`` (the mean over the
        pixels with content in frame t or t+1, i.e. not 0 in every channel:
        depth keeps 0 for "no reading", and MSR Action3D's removed
        background is 0, where DIS still finds motion that is not there;
        all pixels of RGB but pure black), ``zero_l1``, ``zero_ssim``,
        ``dis_l1``, ``dis_ssim``: L1 over the in-frame pixels of frame t+1
        warped onto t, SSIM of the warped frame (clamped to [0, 1])
        against t.
    """
    prev = torch.as_tensor(prev).float()
    nxt = torch.as_tensor(nxt).float()
    if prev.dim() != 3 or prev.shape != nxt.shape:
        raise ValueError('expected two (C, H, W) frames of one size, got '
                         f'{tuple(prev.shape)} and {tuple(nxt.shape)}')
    c = prev.shape[0]
    flow = compute_flow(
        grey_uint8(prev), grey_uint8(nxt), 'dis', preset=preset)
    mag = np.linalg.norm(flow, axis=-1)
    content = ((prev > 0) | (nxt > 0)).any(0).numpy()
    out = {
        'dis_mag_content':
        float(mag[content].mean()) if content.any() else 0.0,
        'dis_mag_mean': float(mag.mean()),
        'dis_mag_p90': float(np.percentile(mag, 90)),
        'dis_frac_above_1px': float((mag > 1).mean()),
    }
    flows = {
        'zero': torch.zeros(1, 2, *prev.shape[1:]),
        'dis': torch.from_numpy(flow).permute(2, 0, 1)[None],
    }
    for name, f in flows.items():
        warped, mask = backward_warp(nxt[None], f, return_mask=True)
        err = ((warped - prev[None]).abs() * mask).sum() / (mask.sum() *
                                                            c).clamp(min=1)
        out[f'{name}_l1'] = err.item()
        out[f'{name}_ssim'] = ssim(
            warped.clamp(0, 1), prev[None], data_range=1.0).item()
    return out


def clip_statistics(clips: torch.Tensor) -> List[Dict[str, float]]:
    """:func:`pair_statistics` of every consecutive pair of every clip.

    Args:
        clips (Tensor): Packed clips, see :func:`to_unit`.

    Returns:
        list[dict]: One dict a pair.
    """
    clips = to_unit(clips)
    return [
        pair_statistics(clip[:, k], clip[:, k + 1]) for clip in clips
        for k in range(clip.shape[1] - 1)
    ]


def summarise(pairs: Sequence[Dict[str, float]]) -> Dict[str, float]:
    """Means over pairs, and the headroom.

    Args:
        pairs (Sequence[dict]): :func:`pair_statistics` results.

    Returns:
        dict: The means of :data:`PAIR_KEYS`, ``pairs``, ``headroom_l1``
        (zero L1 - DIS L1) and ``headroom_ratio`` (that over zero L1; 0
        when zero L1 is 0).
    """
    if not pairs:
        raise ValueError('no frame pairs to summarise')
    m = {k: float(np.mean([p[k] for p in pairs])) for k in PAIR_KEYS}
    m['pairs'] = len(pairs)
    m['headroom_l1'] = m['zero_l1'] - m['dis_l1']
    m['headroom_ratio'] = (
        m['headroom_l1'] / m['zero_l1'] if m['zero_l1'] > 0 else 0.)
    return m


def verdict(summary: Dict[str, float]) -> str:
    """The one-line verdict on the mean DIS magnitude.

    Args:
        summary (dict): :func:`summarise`'s result.

    Returns:
        str: :data:`SUB_PIXEL` below 1 px, else :data:`ABOVE_PIXEL`.
    """
    return SUB_PIXEL if summary['dis_mag_mean'] < 1 else ABOVE_PIXEL


def format_table(summary: Dict) -> str:
    """The Markdown table (one row) of a run.

    Args:
        summary (dict): The keys of :data:`COLUMNS`.

    Returns:
        str: Header, rule and row.
    """
    head = '| ' + ' | '.join(h for _, h, _ in COLUMNS) + ' |'
    rule = '| ' + ' | '.join('---' for _ in COLUMNS) + ' |'
    row = '| ' + ' | '.join(fmt.format(summary[k])
                            for k, _, fmt in COLUMNS) + ' |'
    return '\n'.join([head, rule, row])


def _type(t) -> str:
    name = t.get('type', '') if isinstance(t, dict) else type(t).__name__
    name = name if isinstance(name, str) else getattr(name, '__name__', '')
    return name.split('.')[-1]


def frame_interval(pipeline: Sequence) -> str:
    """The frame interval a pipeline's sampling transform sets.

    Args:
        pipeline (Sequence[dict]): A config's pipeline.

    Returns:
        str: ``frame_interval`` of ``SampleFrames`` / ``NonOverlappingClips``
        (1 if unset), ``'uniform'`` for ``UniformSample`` (the step depends
        on the video's length), ``'-'`` without a sampling transform.
    """
    for t in pipeline:
        name = _type(t)
        if name == 'UniformSample':
            return 'uniform'
        if name in SAMPLERS or 'Sample' in name:
            return str(t.get('frame_interval', 1))
    return '-'


class _RecordSteps:
    """Wraps a pipeline's sampling transform and keeps the steps between the
    frame indices it picks (within a clip, wrap-arounds left out)."""

    def __init__(self, transform) -> None:
        self.transform = transform
        self.steps: List[float] = []

    def __call__(self, results: dict):
        results = self.transform(results)
        inds = results.get('frame_inds') if results else None
        if inds is not None:
            inds = np.asarray(inds).reshape(-1)
            n = max(int(results.get('clip_len', len(inds))), 1)
            if len(inds) % n == 0 and n > 1:
                d = np.diff(inds.reshape(-1, n), axis=1).reshape(-1)
                self.steps += [float(x) for x in d if x > 0]
        return results


def _record_steps(dataset) -> Optional[_RecordSteps]:
    transforms = getattr(dataset.pipeline, 'transforms', [])
    for i, t in enumerate(transforms):
        name = type(t).__name__
        if name in SAMPLERS or 'Sample' in name:
            transforms[i] = _RecordSteps(t)
            return transforms[i]
    return None


def sample_indices(length: int, num: int) -> List[int]:
    """``num`` indices evenly spread over ``range(length)``, first and last
    included.

    Args:
        length (int): The dataset's length.
        num (int): How many.

    Returns:
        list[int]: Sorted, distinct.
    """
    if length <= 0 or num <= 0:
        return []
    idx = np.linspace(0, length - 1, min(num, length)).round().astype(int)
    return [int(i) for i in np.unique(idx)]


def iter_samples(dataset, num: int, seed: int):
    """Yield ``prepare_data(i)`` for ``num`` evenly spread samples of a
    built dataset, sample i's random transforms seeded by ``seed + i``;
    ``None`` where the dataset could not read it (the caller counts it).
    """
    for i in sample_indices(len(dataset), num):
        random.seed(seed + i)
        np.random.seed(seed + i)
        torch.manual_seed(seed + i)
        yield dataset.prepare_data(i)


def measure(cfg: Config, split: str, num_clips: int, seed: int = 0) -> Dict:
    """Build the split's dataset and measure its first samples.

    Args:
        cfg (Config): The config.
        split (str): ``'train'``, ``'val'`` or ``'test'``.
        num_clips (int): Dataset samples to read (evenly spread).
        seed (int): Seed of sample i's random transforms: ``seed + i``.
            Defaults to 0.

    Returns:
        dict: :func:`summarise`'s numbers, ``samples``, ``clips``,
        ``resolution``, ``frame_interval`` and ``skipped`` (samples the
        dataset's ``skip_invalid`` dropped).
    """
    ds_cfg = cfg[f'{split}_dataloader']['dataset']
    with DefaultScope.overwrite_default_scope('mmmotion'):
        dataset = DATASETS.build(ds_cfg)
        if hasattr(dataset, 'full_init'):
            dataset.full_init()
        recorder = _record_steps(dataset)
        pairs, sizes, clips, skipped, done = [], set(), 0, 0, 0
        for data in iter_samples(dataset, num_clips, seed):
            if data is None:
                skipped += 1
                continue
            x = to_unit(data['inputs'])
            sizes.add(f'{x.shape[-2]} x {x.shape[-1]}')
            clips += x.shape[0]
            done += 1
            pairs += clip_statistics(x)
    s = summarise(pairs)
    interval = frame_interval(ds_cfg.get('pipeline', []))
    if recorder is not None and recorder.steps:
        interval += f' (mean step {np.mean(recorder.steps):.2f})'
    s.update(
        samples=done,
        clips=clips,
        skipped=skipped,
        resolution=', '.join(sorted(sizes)),
        frame_interval=interval)
    return s


def write_report(out: str, tool: str, argv: Optional[Sequence[str]], text: str,
                 numbers: Dict) -> None:
    """Write a tool's printed report to ``out`` under the command that made
    it, and its numbers as JSON beside it (``out`` with ``.json``).

    Args:
        out (str): The report's path.
        tool (str): The script's file name in ``tools/analysis``.
        argv (Sequence[str], optional): Its arguments (None: ``sys.argv``).
        text (str): The printed report.
        numbers (dict): JSON-serialisable numbers.
    """
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    cmd = ' '.join([f'python tools/analysis/{tool}'] +
                   list(argv if argv is not None else sys.argv[1:]))
    with open(out, 'w') as f:
        f.write(f'$ {cmd}\n\n{text}')
    with open(osp.splitext(out)[0] + '.json', 'w') as f:
        json.dump(numbers, f, indent=2)
        f.write('\n')


def main(argv=None) -> Dict:
    args = parse_args(argv)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    s = measure(cfg, args.split, args.num_clips, args.seed)
    s['config'] = osp.splitext(osp.basename(args.config))[0]
    s['split'] = args.split
    s['verdict'] = verdict(s)
    text = format_table(s) + '\n\n' + s['verdict'] + '\n'
    if s['skipped']:
        text += f'({s["skipped"]} sample(s) skipped as invalid)\n'
    print(text, end='')
    if args.out:
        write_report(args.out, 'motion_statistics.py', argv, text, s)
    return s


if __name__ == '__main__':
    main()
