"""Videos that a split list names but the video folder lacks: leave them out
and report them (shared by the dataset list builders under ``tools/data/``).
"""
import os
import os.path as osp
import sys

from mmmotion.utils.atomic_io import write_text_atomic


def report_missing(missing, root, out, list_name):
    """Count and list videos missing under ``root`` on stderr (the first
    20), and keep the full list in ``<out>/<list_name>``; a list left by an
    earlier run is removed when nothing is missing."""
    path = osp.join(out, list_name)
    if not missing:
        if osp.exists(path):  # from an earlier run
            os.remove(path)
        return
    write_text_atomic(path, '\n'.join(missing) + '\n')
    print(
        f'{len(missing)} listed videos are missing under {root} and were '
        f'left out of the lists (all of them in {path}):',
        file=sys.stderr)
    for m in missing[:20]:
        print(f'  {m}', file=sys.stderr)
    if len(missing) > 20:
        print(f'  ... and {len(missing) - 20} more', file=sys.stderr)


def drop_missing(entry_lists, root):
    """Leave out of every ``[(video, label), ...]`` list (in place) the
    videos that are not files under ``root``; return them, sorted. Stops when
    none of the listed videos is there: a wrong ``--video-root``, most
    likely, rather than empty lists."""
    listed = sorted({v for entries in entry_lists for v, _ in entries})
    missing = [v for v in listed if not osp.isfile(osp.join(root, v))]
    if listed and len(missing) == len(listed):
        sys.exit(f'{root}: none of the {len(listed)} listed videos is there, '
                 f'e.g. {osp.join(root, listed[0])}; is it the right '
                 '--video-root?')
    gone = set(missing)
    for entries in entry_lists:
        entries[:] = [(v, y) for v, y in entries if v not in gone]
    return missing
