"""List the videos under one or more folders, for ``UnlabeledVideoDataset``.

    python tools/data/build_file_list.py ../shared/data/unlabeled_rgb \
        --root ../shared/data --out data/unlabeled/unlabeled_list.txt

Writes one path a line, relative to ``--root`` (use the same folder as the
dataset's ``data_prefix['video']``). With ``--check`` every file is checked
as ``tools/data/check_videos.py`` checks it (opened and decoded in a child
process; depth files loaded), and bad ones are left out and reported.
"""
import argparse
import os
import os.path as osp
import sys

from check_videos import check_one

from mmmotion.datasets.motion_video_dataset import VIDEO_EXTENSIONS
from mmmotion.utils.atomic_io import write_text_atomic


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('folders', nargs='+')
    p.add_argument(
        '--root',
        required=True,
        help='paths in the list are relative to this folder')
    p.add_argument('--out', required=True)
    p.add_argument('--ext', nargs='+', default=list(VIDEO_EXTENSIONS))
    p.add_argument(
        '--check',
        action='store_true',
        help='open every file and leave out unreadable ones')
    return p.parse_args(argv)


def readable(path: str) -> str:
    """Return '' if the file opens and decodes, else the reason (the
    pre-flight checker of ``check_videos.py``: a child process per video)."""
    return check_one(path, sparse=False, timeout=300, use_cache=True)[0]


def main(argv=None):
    args = parse_args(argv)
    exts = tuple(e.lower() if e.startswith('.') else '.' + e.lower()
                 for e in args.ext)
    files = []
    for folder in args.folders:
        if not osp.isdir(folder):
            sys.exit(f'{folder}: not a folder')
        for root, _, names in sorted(os.walk(folder, followlinks=True)):
            files += [
                osp.join(root, n) for n in sorted(names)
                if n.lower().endswith(exts)
            ]
    bad = []
    if args.check:
        kept = []
        for f in files:
            why = readable(f)
            (bad.append(f'{f}: {why}') if why else kept.append(f))
        files = kept
    lines = [osp.relpath(f, args.root) for f in files]
    write_text_atomic(args.out, '\n'.join(lines) + '\n')
    print(f'{len(lines)} files -> {args.out}')
    for b in bad:
        print(f'left out {b}')
    if not lines:
        sys.exit('no files found')


if __name__ == '__main__':
    main()
