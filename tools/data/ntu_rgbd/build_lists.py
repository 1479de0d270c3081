"""Write NTU RGB+D 60 cross-subject and cross-view lists from file names.

    python tools/data/ntu_rgbd/build_lists.py --src data/ntu_rgbd/rgb \
        --out data/ntu_rgbd --modality rgb        # *_rgb.avi videos
    python tools/data/ntu_rgbd/build_lists.py --src data/ntu_rgbd/depth \
        --out data/ntu_rgbd --modality depth      # our depth .npy files

NTU names a sample ``SsssCcccPpppRrrrAaaa`` (setup, camera, performer,
replication, action 1-60). The standard protocols (Shahroudy et al., CVPR
2016): cross-subject trains on performers 1, 2, 4, 5, 8, 9, 13, 14, 15, 16,
17, 18, 19, 25, 27, 28, 31, 34, 35, 38 and tests on the rest; cross-view
trains on cameras 2 and 3 and tests on camera 1. Writes
``<out>/ntu60_{xsub,xview}_{train,val}_{modality}_list.txt`` ("file label",
label = action - 1), atomically. Files whose names do not parse, or whose
action is above 60 (NTU-120's), are counted and listed, not used.
"""
import argparse
import os
import os.path as osp
import re
import sys

from mmmotion.utils.atomic_io import write_text_atomic

NAME = re.compile(r'^S(\d{3})C(\d{3})P(\d{3})R(\d{3})A(\d{3})')
XSUB_TRAIN = (1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28, 31, 34,
              35, 38)
XVIEW_TRAIN = (2, 3)
SUFFIX = {'rgb': '_rgb.avi', 'depth': '.npy'}


def parse(name):
    m = NAME.match(name)
    if not m:
        return None
    s, c, p, r, a = (int(g) for g in m.groups())
    return dict(setup=s, camera=c, performer=p, replication=r, action=a)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--src', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--modality', choices=tuple(SUFFIX), required=True)
    args = ap.parse_args(argv)
    suffix = SUFFIX[args.modality]
    names = sorted(n for n in os.listdir(args.src) if n.endswith(suffix))
    if not names:
        sys.exit(f'no *{suffix} files in {args.src}')
    lists = {(p, s): [] for p in ('xsub', 'xview') for s in ('train', 'val')}
    skipped = []
    for n in names:
        info = parse(n)
        if info is None or not 1 <= info['action'] <= 60:
            skipped.append(n)
            continue
        line = f'{n} {info["action"] - 1}'
        xsub = 'train' if info['performer'] in XSUB_TRAIN else 'val'
        xview = 'train' if info['camera'] in XVIEW_TRAIN else 'val'
        lists['xsub', xsub].append(line)
        lists['xview', xview].append(line)
    os.makedirs(args.out, exist_ok=True)
    for (proto, split), lines in lists.items():
        write_text_atomic(
            osp.join(args.out,
                     f'ntu60_{proto}_{split}_{args.modality}_list.txt'),
            '\n'.join(lines) + ('\n' if lines else ''))
    counts = ', '.join(f'{p} {s} {len(v)}' for (p, s), v in lists.items())
    print(f'{len(names) - len(skipped)} samples ({counts}) -> {args.out}')
    if skipped:
        print(f'skipped {len(skipped)} files (name not SsssCcccPpppRrrrAaaa '
              f'or action > 60): {skipped[:5]}')


if __name__ == '__main__':
    main()
