"""Pre-flight check of a video list or folder: open and decode every file in
a child process, report the bad ones and write a cleaned list.

    python tools/data/check_videos.py LIST_OR_FOLDER [--root DIR] \
        [--workers N] [--out CLEAN_LIST] [--report REPORT.tsv] [--sparse]

- ``LIST_OR_FOLDER``: an annotation / list file (one sample a line, the path
  first, e.g. ``path label``; paths relative to ``--root``, the dataset's
  ``data_prefix['video']``), or a folder, whose videos are all checked.
- Every video is checked as ``SafeDecordInit`` checks it before its first
  decode (``mmmotion/datasets/video_check.py``): missing, unreadable, empty,
  shorter than its container declares, undecodable, crashing the decoder,
  hanging it. Depth files (``.npy``, ``.mat``) are loaded and checked as
  ``DepthInit`` loads them. The results are cached as the transform caches
  them, so a training run over the checked files does not probe them again.
- Writes, each atomically: the report (``file<TAB>reason`` for every bad
  file, and warnings, e.g. an AVI whose header declares more frames than
  decode, or a stream whose seeks decode wrong (full check only)) and
  the cleaned list (the input's lines whose file is good, in their
  order). Defaults: ``<list>.clean.txt`` and ``<list>.report.tsv``
  beside the list (for a folder: ``<folder>_videos.txt``).
- Exits 0 when every file is good, 1 when some are bad (the cleaned list is
  written either way), 2 on a usage error.
"""
import argparse
import os
import os.path as osp
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import List, Optional, Tuple

from mmengine.utils import ProgressBar

from mmmotion.datasets.container_size import declared_frames
from mmmotion.datasets.errors import BadSampleError
from mmmotion.datasets.motion_video_dataset import VIDEO_EXTENSIONS
from mmmotion.datasets.video_check import video_facts
from mmmotion.utils.atomic_io import write_text_atomic

DEPTH = ('.npy', '.mat')


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('source', help='a list file or a folder of videos')
    p.add_argument(
        '--root',
        help='the folder list paths are relative to '
        '(default: the list\'s own folder; for a folder: itself)')
    p.add_argument(
        '--workers',
        type=int,
        default=2,
        help='files checked at once (one child process each)')
    p.add_argument('--out', help='the cleaned list')
    p.add_argument('--report', help='the report (file<TAB>reason)')
    p.add_argument(
        '--sparse',
        action='store_true',
        help='decode the first, middle and last frame only, not '
        'every frame')
    p.add_argument(
        '--no-cache',
        action='store_true',
        help='probe every file again, ignoring cached results')
    p.add_argument(
        '--timeout', type=float, default=300, help='seconds one file may take')
    return p.parse_args(argv)


def read_source(source: str,
                root: Optional[str]) -> Tuple[List[str], List[str], str]:
    """(lines, their files, the root): a list's lines, or a folder's
    videos (relative paths, one a line)."""
    if osp.isdir(source):
        root = root or source
        files = []
        for d, _, names in sorted(os.walk(source, followlinks=True)):
            files += [
                osp.relpath(osp.join(d, n), root) for n in sorted(names)
                if n.lower().endswith(VIDEO_EXTENSIONS)
            ]
        return files, files, root
    if not osp.isfile(source):
        sys.stderr.write(f'{source}: no such list file or folder\n')
        raise SystemExit(2)
    root = root if root is not None else osp.dirname(source)
    with open(source) as f:
        lines = [ln.rstrip('\n') for ln in f if ln.strip()]
    return lines, [ln.split()[0] for ln in lines], root


def check_one(path: str, sparse: bool, timeout: float,
              use_cache: bool) -> Tuple[str, str]:
    """('' or the reason it is bad, a warning or '')."""
    try:
        if path.lower().endswith(DEPTH):
            from mmmotion.datasets.transforms.depth import load_depth_file
            if not osp.exists(path):
                return 'file does not exist', ''
            load_depth_file(path)
            return '', ''
        facts = video_facts(
            path, full=not sparse, timeout=timeout, use_cache=use_cache)
        n = facts['frames']
    except BadSampleError as e:
        return str(e).split(': ', 1)[-1], ''
    except Exception as e:  # a depth loader's error, whatever its type
        return f'{type(e).__name__}: {e}', ''
    try:
        declared = declared_frames(path)
    except OSError:
        declared = None
    warnings = []
    if declared is not None and declared > n:
        # decord counts the frames there are (from the index), so this
        # file trains; a reader that trusts the header would not
        warnings.append(f'its AVI header declares {declared} frames, '
                        f'{n} decode')
    if 'seek_safe_until' in facts:
        # SafeDecordInit reads it right, in order (ForwardReader), slower
        warnings.append(f'seeking decodes wrong from key frame '
                        f'{facts["seek_safe_until"]} on (up to '
                        f'{facts["seek_error"]:.1f} grey levels off); '
                        'SafeDecordInit reads it in order, a plain '
                        'DecordInit would not')
    return '', ('warning: ' + '; '.join(warnings)) if warnings else ''


def main(argv=None) -> int:
    args = parse_args(argv)
    lines, files, root = read_source(args.source, args.root)
    if not files:
        sys.stderr.write(f'{args.source}: no videos to check\n')
        raise SystemExit(2)
    base = (
        args.source.rstrip('/') +
        '_videos' if osp.isdir(args.source) else osp.splitext(args.source)[0])
    out = args.out or (base +
                       ('.txt' if osp.isdir(args.source) else '.clean.txt'))
    report = args.report or base + '.report.tsv'
    paths = [osp.join(root, f) for f in files]
    bar = ProgressBar(len(paths))
    results = [None] * len(paths)

    def job(i):
        results[i] = check_one(paths[i], args.sparse, args.timeout,
                               not args.no_cache)
        bar.update()

    with ThreadPoolExecutor(max(1, args.workers)) as pool:
        list(pool.map(job, range(len(paths))))
    sys.stdout.write('\n')
    bad = [(p, why) for p, (why, _) in zip(paths, results) if why]
    warn = [(p, w) for p, (_, w) in zip(paths, results) if w]
    kept = [ln for ln, (why, _) in zip(lines, results) if not why]
    write_text_atomic(report,
                      ''.join(f'{p}\t{why}\n' for p, why in bad + warn))
    write_text_atomic(out, ''.join(ln + '\n' for ln in kept))
    for p, why in bad:
        print(f'bad: {p}: {why}')
    for p, w in warn:
        print(f'{w}: {p}')
    print(f'{len(paths)} files checked, {len(bad)} bad, {len(warn)} '
          f'warnings; report: {report}; cleaned list ({len(kept)} lines): '
          f'{out}')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
