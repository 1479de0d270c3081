"""What the crash-proof video check costs (``SafeDecordInit``), per file and
per epoch, against plain ``DecordInit``:

    python tools/analysis/cost_video_check.py VIDEO_OR_FOLDER [...] \
        [--out configs/_base_/logs/cost_video_check.txt]

For each video, timed in turn in one run: MMAction2's ``DecordInit`` (read
into memory, open from bytes), ``SafeDecordInit``'s first use with the
``full`` check (every frame decoded in a child process) and the ``sparse``
one (first, middle, last frame), and a later use (the cached result: what
every further epoch, worker and run pays). Prints the totals, the median
per file, and the ratios to ``DecordInit``.
"""
import argparse
import os
import os.path as osp
import statistics
import tempfile
import time

VIDEO = ('.mp4', '.avi', '.mkv', '.webm', '.mov')


def videos(paths):
    out = []
    for p in paths:
        if osp.isdir(p):
            for d, _, names in sorted(os.walk(p)):
                out += [
                    osp.join(d, n) for n in sorted(names)
                    if n.lower().endswith(VIDEO)
                ]
        else:
            out.append(p)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('paths', nargs='+')
    ap.add_argument('--out', help='also write the report here')
    args = ap.parse_args(argv)
    os.environ['MMMOTION_VIDEO_CHECK_CACHE'] = tempfile.mkdtemp()
    from mmaction.datasets.transforms import DecordInit

    import mmmotion  # noqa: F401
    from mmmotion.datasets import video_check
    from mmmotion.datasets.transforms import SafeDecordInit
    files = videos(args.paths)
    plain = DecordInit()
    kinds = {
        'DecordInit': [],
        'full check, first use': [],
        'sparse check, first use': [],
        'later use (cached)': []
    }
    frames = 0
    for f in files:
        t = time.perf_counter()
        frames += plain.transform(dict(filename=f))['total_frames']
        kinds['DecordInit'].append(time.perf_counter() - t)
        for check, key in (('full', 'full check, first use'),
                           ('sparse', 'sparse check, first use')):
            video_check._memo.clear()
            t = time.perf_counter()
            SafeDecordInit(check=check).transform(dict(filename=f))
            kinds[key].append(time.perf_counter() - t)
        video_check._memo.clear()  # another worker: the cache on disk
        t = time.perf_counter()
        SafeDecordInit().transform(dict(filename=f))
        kinds['later use (cached)'].append(time.perf_counter() - t)
    base = sum(kinds['DecordInit'])
    lines = [
        f'{len(files)} videos, {frames} frames; times in one run, '
        'each file timed in turn', '',
        '| what | total s | median ms / file | x DecordInit |',
        '| --- | :-: | :-: | :-: |'
    ]
    for k, ts in kinds.items():
        lines.append(f'| {k} | {sum(ts):.2f} | '
                     f'{1000 * statistics.median(ts):.1f} | '
                     f'{sum(ts) / base:.2f} |')
    text = '\n'.join(lines)
    print(text)
    if args.out:
        os.makedirs(osp.dirname(args.out), exist_ok=True)
        with open(args.out, 'w') as f:
            f.write(text + '\n')


if __name__ == '__main__':
    main()
