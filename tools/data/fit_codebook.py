"""Fit a k-means motion codebook on the atomic-flow targets of a dataset.

    python tools/data/fit_codebook.py CONFIG --num-codewords 32 \
        --out data/msr_action3d/codebook_kmeans32_3d.npz [--max-videos 200]

The targets are those of every frame pair of (a seeded sample of) the
training videos whose two frames are the config's sampling interval apart
(``frame_interval``: consecutive frames for interval 1; at most
``--pairs-per-video`` of them, evenly spread, when given), computed exactly
as the config's pipeline computes them
(``AtomicFlowTargets`` and the transforms before it), or read from its
``cache_dir`` when the config names one. Writes the codewords, their
frequencies over all the targets (the rebalanced loss's ``p``) and the
settings, atomically, for ``KMeansCodebook(file=...)`` /
``LearnableCodebook(init_file=...)``.
"""
import argparse

import numpy as np
# tools/data/flow_target_pipeline.py, beside this script
from flow_target_pipeline import AllPairTargets, split_pipeline
from mmengine.config import Config, DictAction
from mmengine.registry import DefaultScope
from mmengine.utils import ProgressBar

import mmmotion  # noqa: F401
from mmmotion.datasets.transforms.flow_targets import cache_file
from mmmotion.models.layers.codebook_fitting import (fit_kmeans_codebook,
                                                     save_codebook)
from mmmotion.registry import DATASETS


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config')
    p.add_argument('--num-codewords', '-k', type=int, required=True)
    p.add_argument('--out', required=True, help='the .npz to write')
    p.add_argument(
        '--max-videos',
        type=int,
        default=None,
        help='fit on a seeded random sample of this many videos')
    p.add_argument(
        '--max-points',
        type=int,
        default=200000,
        help='k-means runs on a sample of this many vectors '
        '(frequencies count all of them)')
    p.add_argument(
        '--pairs-per-video',
        type=int,
        help='at most this many pairs of a video, evenly spread, so that '
        'long videos do not dominate the frequencies (default: all)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    ds_cfg = cfg.train_dataloader.dataset
    with DefaultScope.overwrite_default_scope('mmmotion'):
        dataset = DATASETS.build(ds_cfg)
    pipeline = ds_cfg.pipeline
    _, _, tcfg = split_pipeline(pipeline)
    cache = tcfg.get('cache_dir')
    compute = AllPairTargets(pipeline)  # the pairs training samples
    if cache and compute.interval != 1:
        raise ValueError(f'{args.config}: its cache holds consecutive pairs, '
                         f'its sampling takes every {compute.interval}th '
                         'frame; fit without the cache (cache_dir=None)')
    idx = np.arange(len(dataset))
    if args.max_videos and args.max_videos < len(idx):
        idx = np.sort(
            np.random.default_rng(args.seed).choice(
                idx, args.max_videos, replace=False))
    vectors = []
    bar = ProgressBar(len(idx))
    for i in idx:
        info = dataset.get_data_info(int(i))
        if cache:
            t = np.load(cache_file(cache, info['filename']))
        else:
            t = compute(info)
        if args.pairs_per_video and len(t) > args.pairs_per_video:
            # evenly spread: each video weighs about as much as in
            # training, where it gives one clip an epoch
            keep = np.linspace(0, len(t) - 1, args.pairs_per_video)
            t = t[keep.round().astype(int)]
        vectors.append(t.reshape(-1, t.shape[-1]))
        bar.update()
    print()
    x = np.concatenate(vectors)
    codewords, freqs = fit_kmeans_codebook(
        x, args.num_codewords, seed=args.seed, max_points=args.max_points)
    save_codebook(
        args.out,
        codewords,
        freqs,
        patch=np.int64(compute.kwargs['patch']),
        num_vectors=np.int64(x.shape[0]),
        num_videos=np.int64(len(idx)))
    print(f'{args.out}: {args.num_codewords} codewords of dim {x.shape[1]} '
          f'from {x.shape[0]} patch flows of {len(idx)} videos; most '
          f'frequent codeword {codewords[0].round(3).tolist()} '
          f'(p = {freqs[0]:.3f})')


if __name__ == '__main__':
    main()
