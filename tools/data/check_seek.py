"""Find videos that decode differently by seeking than from their start.

    python tools/data/check_seek.py FOLDER_OR_FILES... [--frames 4] \
        [--threshold 1.0] [--out REPORT.txt]

Training and test pipelines read sampled frames by random access
(``DecordDecode`` asks decord for ``get_batch(frame_inds)``), which seeks to
the nearest key frame. A stream whose key frames are not clean entry points
(open GOPs, a broken index) then decodes *silently wrong*: no error that
``SafeDecordInit``'s check can see, only ffmpeg's "error while decoding MB"
lines, and grey or smeared frames. Measured on the shared natural-RGB set
(2026-12-06, ``docs/logs/seek_check``): ``imageio_cockatoo.mp4`` (a held-out
clip) gives frames up to 79.8 grey levels away from the same frames decoded
from frame 0.

Fixed in the pipelines since: ``SafeDecordInit``'s full check (the same
comparison, at up to 3 key frames: ``mmmotion/datasets/video_probe.py``)
finds such a file and reads it in order (``ForwardReader``), and
``tools/data/check_videos.py`` reports it. This tool stays to compare more
frames of a file than the check does.

For every video: decode all frames in order, then ``--frames`` frames spread
over the video, each by random access in a fresh reader, and compare (mean
absolute difference, 0-255). Prints one line a video and writes the report:
``file<TAB>frames<TAB>largest difference<TAB>ok|SEEK-UNSAFE``. Exits 1 when
a video differs by more than ``--threshold``.
"""
import argparse
import glob
import os.path as osp
import sys
from typing import List, Tuple

import numpy as np

from mmmotion.datasets.video_probe import seek_check

VIDEO_EXT = ('.mp4', '.avi', '.mkv', '.webm', '.mov', '.m4v')


def seek_difference(path: str, frames: int = 4) -> Tuple[int, float]:
    """``(number of frames, largest mean absolute difference)`` between
    frames decoded by random access and the same frames decoded in order:
    the comparison of ``SafeDecordInit``'s check
    (``mmmotion/datasets/video_probe.py``), at ``frames`` frames spread
    over the video instead of its few key frames."""
    import decord
    seq = decord.VideoReader(path)
    n = len(seq)
    every = seq.get_batch(list(range(n))).asnumpy()
    idx = sorted({int(i) for i in np.linspace(n // 4, n - 1, frames)})
    # each frame from a fresh reader: a cold seek, as the first frame of a
    # sampled clip is read (after one, decord may decode forward instead)
    return n, seek_check(path, [(i, i) for i in idx], every)['seek_error']


def videos(sources: List[str]) -> List[str]:
    out = []
    for s in sources:
        if osp.isdir(s):
            out += sorted(
                f for f in glob.glob(osp.join(s, '**', '*'), recursive=True)
                if f.lower().endswith(VIDEO_EXT))
        else:
            out.append(s)
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('sources', nargs='+', help='folders or video files')
    p.add_argument('--frames', type=int, default=4)
    p.add_argument('--threshold', type=float, default=1.0)
    p.add_argument('--out', help='the report (default: print only)')
    args = p.parse_args(argv)
    rows, bad = [], 0
    for f in videos(args.sources):
        try:
            n, d = seek_difference(f, args.frames)
            state = 'ok' if d <= args.threshold else 'SEEK-UNSAFE'
        except Exception as e:  # a file decord cannot open at all
            n, d, state = -1, float('nan'), f'unreadable: {e}'.split('\n')[0]
        bad += state != 'ok'
        rows.append(f'{f}\t{n}\t{d:.2f}\t{state}')
        print(rows[-1], flush=True)
    print(f'{len(rows) - bad} of {len(rows)} videos decode the same by '
          f'seeking; {bad} do not')
    if args.out:
        with open(args.out, 'w') as f:
            f.write('\n'.join(rows) + '\n')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
