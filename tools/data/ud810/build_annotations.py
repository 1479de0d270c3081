"""Write the three leave-one-person-out folds of the ud810 action videos.

    python tools/data/ud810/build_annotations.py \
        --src ../shared/data/ud810_actions --out data/ud810

Videos ``PS7A{a}P{p}T{t}.avi`` (action a, person p, trial t) are linked as
``<out>/videos``; fold k tests on person k and trains on the other two:
``<out>/ud810_fold{k}_{train,val}_list.txt`` with lines "file label",
label = a - 1, and ``<out>/ud810_all_list.txt`` with every video. Files
are written atomically; re-running rewrites the lists.
"""
import argparse
import glob
import os
import os.path as osp
import re
import sys

from mmmotion.utils.atomic_io import write_text_atomic

NAME = re.compile(r'PS7A(\d)P(\d)T(\d)\.avi$')
CLASSES = ('arms raised sideways above the head', 'one-hand wave',
           'arms forward, then up')


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--src', default='../shared/data/ud810_actions')
    p.add_argument('--out', default='data/ud810')
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    samples = []
    for path in sorted(glob.glob(osp.join(args.src, '*.avi'))):
        m = NAME.search(osp.basename(path))
        if m is None:
            print(f'skipped {path}: name is not PS7A<a>P<p>T<t>.avi')
            continue
        samples.append((osp.basename(path), int(m.group(1)), int(m.group(2))))
    if not samples:
        sys.exit(f'no PS7A<a>P<p>T<t>.avi videos in {args.src}')
    os.makedirs(args.out, exist_ok=True)
    link = osp.join(args.out, 'videos')
    if not osp.exists(link):
        os.symlink(osp.abspath(args.src), link)
    persons = sorted({p for _, _, p in samples})
    for k in persons:
        for split, keep in (('train', lambda p: p != k), ('val',
                                                          lambda p: p == k)):
            lines = [f'{f} {a - 1}' for f, a, p in samples if keep(p)]
            write_text_atomic(
                osp.join(args.out, f'ud810_fold{k}_{split}_list.txt'),
                '\n'.join(lines) + '\n')
    # every video, for held-out evaluation of self-supervised models
    write_text_atomic(
        osp.join(args.out, 'ud810_all_list.txt'),
        '\n'.join(f'{f} {a - 1}' for f, a, _ in samples) + '\n')
    write_text_atomic(
        osp.join(args.out, 'classes.txt'), '\n'.join(CLASSES) + '\n')
    print(f'{len(samples)} videos, {len(persons)} folds -> {args.out}')


if __name__ == '__main__':
    main()
