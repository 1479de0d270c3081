"""Precompute the atomic-flow targets of every video of a config's dataset.

    python tools/data/precompute_flow_targets.py CONFIG --out DIR \
        [--split train val] [--skip-bad]

For each video, the targets of every consecutive frame pair, computed exactly
as the config's pipeline computes them on the fly (same decoding, resizing and
``AtomicFlowTargets`` settings), go to ``DIR/<video name>.flow.npy``
(``float32 (T - 1, Hp, Wp, D)``). Then set ``cache_dir=DIR`` in the config's
``AtomicFlowTargets`` to read them instead (tests check that both give the
same targets). A progress bar shows; finished videos are skipped on a re-run,
and every file is written under a temporary name and renamed into place, so a
killed run leaves no half-written file and resumes where it stopped.
"""
import argparse
import os
import os.path as osp
import sys

import numpy as np
# tools/data/flow_target_pipeline.py, beside this script
from flow_target_pipeline import AllPairTargets
from mmengine.config import Config, DictAction
from mmengine.registry import DefaultScope
from mmengine.utils import ProgressBar

import mmmotion  # noqa: F401
from mmmotion.datasets.transforms.flow_targets import cache_file
from mmmotion.registry import DATASETS
from mmmotion.utils.atomic_io import atomic_path


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config')
    p.add_argument('--out', required=True, help='cache directory')
    p.add_argument(
        '--split',
        nargs='+',
        default=['train', 'val'],
        help='dataloaders whose datasets to cover')
    p.add_argument(
        '--skip-bad',
        action='store_true',
        help='count, log and skip videos that fail')
    p.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='key=value overrides, as tools/train.py')
    return p.parse_args(argv)


def _dataset(cfg, split):
    ds = cfg[f'{split}_dataloader']['dataset']
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return DATASETS.build(ds), ds['pipeline']


def main(argv=None):
    args = parse_args(argv)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    os.makedirs(args.out, exist_ok=True)
    jobs, seen = [], set()
    for split in args.split:
        dataset, pipeline = _dataset(cfg, split)
        # the cache holds consecutive pairs (what AtomicFlowTargets reads)
        compute = AllPairTargets(pipeline, interval=1)
        for i in range(len(dataset)):
            info = dataset.get_data_info(i)
            dst = cache_file(args.out, info['filename'])
            if dst not in seen:
                seen.add(dst)
                jobs.append((info, dst, compute))
    todo = [j for j in jobs if not osp.isfile(j[1])]
    print(f'{len(jobs)} videos, {len(jobs) - len(todo)} already done, '
          f'{len(todo)} to compute -> {args.out}')
    bad = []
    bar = ProgressBar(len(todo)) if todo else None
    for info, dst, compute in todo:
        try:
            targets = compute(info)
        except Exception as e:  # noqa: BLE001
            if not args.skip_bad:
                raise RuntimeError(f'{info["filename"]}: {e}') from e
            bad.append(f'{info["filename"]}: {e}')
        else:
            with atomic_path(dst) as tmp, open(tmp, 'wb') as f:
                np.save(f, targets)  # a file object: no '.npy' appended
        bar.update()
    if bar:
        print()
    for line in bad:
        print(f'skipped {line}')
    print(f'done: {len(todo) - len(bad)} written, {len(bad)} skipped')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
