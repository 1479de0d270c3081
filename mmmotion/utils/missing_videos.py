"""Report videos that a split list names but the video folder lacks (shared
by the dataset list builders under ``tools/data/``)."""
import os
import os.path as osp
import sys

from .atomic_io import write_text_atomic


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
    print(f'{len(missing)} listed videos are missing under {root} and were '
          f'left out of the lists (all of them in {path}):', file=sys.stderr)
    for m in missing[:20]:
        print(f'  {m}', file=sys.stderr)
    if len(missing) > 20:
        print(f'  ... and {len(missing) - 20} more', file=sys.stderr)
