"""Convert MSR Action3D depth ``.mat`` files and write cross-subject lists.

    python tools/data/msr_action3d/convert.py \
        --src ../shared/data/msr_action3d --out data/msr_action3d

Writes ``<out>/depth/aXX_sYY_eZZ_sdepth.npy`` (uint16, T x H x W, read
memory-mapped by ``DepthInit``) and ``<out>/msr_action3d_{train,val}_list.txt``
("file label", label = action - 1) for the standard cross-subject split: train
on subjects 1, 3, 5, 7, 9, test on 2, 4, 6, 8, 10. Re-running skips files that
are already converted; every file is written under a temporary name and renamed
into place, so a kill leaves no half-written file.
"""
import argparse
import glob
import os.path as osp
import re
import sys

import numpy as np
from mmengine.utils import ProgressBar

from mmmotion.datasets.errors import BadSampleError
from mmmotion.datasets.transforms.depth import load_depth_file
from mmmotion.utils.atomic_io import atomic_path, write_text_atomic

NAME = re.compile(r'a(\d\d)_s(\d\d)_e(\d\d)_sdepth\.mat$')
TRAIN_SUBJECTS = (1, 3, 5, 7, 9)
CLASSES = ('high arm wave', 'horizontal arm wave', 'hammer', 'hand catch',
           'forward punch', 'high throw', 'draw x', 'draw tick', 'draw circle',
           'hand clap', 'two hand wave', 'side boxing', 'bend', 'forward kick',
           'side kick', 'jogging', 'tennis swing', 'tennis serve',
           'golf swing', 'pick up and throw')


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--src', default='../shared/data/msr_action3d')
    p.add_argument('--out', default='data/msr_action3d')
    p.add_argument(
        '--skip-bad',
        action='store_true',
        help='log and skip unreadable or malformed files instead of stopping')
    return p.parse_args(argv)


def convert_one(src: str, dst: str) -> None:
    arr = load_depth_file(src, dtypes=('uint16', ), mmap=False)
    with atomic_path(dst) as tmp, open(tmp, 'wb') as f:
        # a file object: np.save would append '.npy' to a path
        np.save(f, np.ascontiguousarray(arr))


def main(argv=None):
    args = parse_args(argv)
    files = sorted(glob.glob(osp.join(args.src, '*_sdepth.mat')))
    if not files:
        sys.exit(f'no aXX_sYY_eZZ_sdepth.mat files in {args.src}')
    lists = {'train': [], 'val': []}
    done = skipped = 0
    bad = []
    bar = ProgressBar(len(files))
    for src in files:
        m = NAME.search(osp.basename(src))
        if m is None:
            bad.append(f'{src}: name is not aXX_sYY_eZZ_sdepth.mat')
            bar.update()
            continue
        action, subject = int(m.group(1)), int(m.group(2))
        rel = osp.join('depth', osp.basename(src)[:-4] + '.npy')
        dst = osp.join(args.out, rel)
        if osp.exists(dst):
            skipped += 1
        else:
            try:
                convert_one(src, dst)
                done += 1
            except BadSampleError as e:
                if not args.skip_bad:
                    raise
                bad.append(str(e))
                bar.update()
                continue
        split = 'train' if subject in TRAIN_SUBJECTS else 'val'
        lists[split].append(f'{rel} {action - 1}')
        bar.update()
    for split, lines in lists.items():
        write_text_atomic(
            osp.join(args.out, f'msr_action3d_{split}_list.txt'),
            '\n'.join(lines) + '\n')
    write_text_atomic(
        osp.join(args.out, 'classes.txt'), '\n'.join(CLASSES) + '\n')
    print(
        f'\nconverted {done}, already there {skipped}, bad {len(bad)}; '
        f'train {len(lists["train"])}, val {len(lists["val"])} -> {args.out}')
    for b in bad:
        print(f'skipped: {b}')


if __name__ == '__main__':
    main()
