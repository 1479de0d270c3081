"""Which samples a data-loader worker held when it died.

When a loader worker is killed (a decoder's segfault, the out-of-memory
killer), PyTorch only says ``DataLoader worker (pid N) is killed by signal``.
Ours: each dataset of this package notes, in a small file per worker
process, the sample it is loading (index and file) before it starts and
clears it when done (:class:`InFlight`). :func:`explain` turns PyTorch's
error into one that names those samples; ``tools/train.py`` and
``tools/test.py`` raise it in place of PyTorch's. The note is written by
the worker, read by the main process: no shared memory, nothing to
synchronise. In the main process itself (``num_workers=0``) nothing is
written.
"""
import os
import os.path as osp
import re
import shutil
import sys
import tempfile
import weakref
from typing import List, Optional, Tuple

_FOLDERS: 'weakref.WeakValueDictionary' = weakref.WeakValueDictionary()
PID = re.compile(r'pid\(?s?\)? ([\d, ]+)')


def _remove(folder: str, owner: int) -> None:
    if os.getpid() == owner:  # never from a forked worker
        shutil.rmtree(folder, ignore_errors=True)


class InFlight:
    """The sample each loader worker of one dataset is loading."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix='mmmotion-inflight-')
        self.owner = os.getpid()
        _FOLDERS[self.folder] = self
        weakref.finalize(self, _remove, self.folder, self.owner)

    def _path(self) -> Optional[str]:
        if os.getpid() == self.owner:
            return None  # loading in the main process: an error is raised
        return osp.join(self.folder, str(os.getpid()))

    def start(self, index: int, filename: str) -> None:
        path = self._path()
        if path is not None:
            try:
                with open(path, 'w') as f:
                    f.write(f'{index}\t{filename}\n')
            except OSError:
                pass  # bookkeeping (its folder removed, /tmp full) never
                # stops loading; only the error message would be poorer

    def end(self) -> None:
        path = self._path()
        if path is not None:
            try:
                os.remove(path)
            except OSError:
                pass

    def count_skip(self, filename: str, reason: str) -> int:
        """Note a skipped sample (from any process); return how many have
        been skipped so far, in every process of this dataset."""
        line = f'{filename}\t{" ".join(reason.split())}\n'.encode()
        path = osp.join(self.folder, 'skipped.tsv')
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)  # one append: whole lines, in any order
            finally:
                os.close(fd)
        except OSError:
            pass  # the skip is still logged, only the count is lost
        return len(self.skips())

    def skips(self) -> List[Tuple[str, str]]:
        """Every skip so far: (file, reason)."""
        path = osp.join(self.folder, 'skipped.tsv')
        if not osp.isfile(path):
            return []
        with open(path) as f:
            return [
                tuple(ln.rstrip('\n').split('\t', 1)) for ln in f if '\t' in ln
            ]

    def held_by(self, pid: int) -> List[Tuple[int, str]]:
        path = osp.join(self.folder, str(pid))
        if not osp.isfile(path):
            return []
        out = []
        with open(path) as f:
            for line in f:
                idx, _, name = line.rstrip('\n').partition('\t')
                out.append((int(idx), name))
        return out


def warn(message: str) -> None:
    """Log a warning where it will be seen: mmengine drops warnings of
    every rank but 0 (MMLogger), so other ranks write to stderr."""
    rank = int(os.environ.get('RANK', '0') or 0)
    if rank == 0:
        from mmengine.logging import print_log
        print_log(message, logger='current', level=30)
    else:
        sys.stderr.write(f'[rank {rank}] WARNING - {message}\n')
        sys.stderr.flush()


def skip_summary() -> List[str]:
    """One line per skipped file of every dataset of this process: how often
    it was skipped, and why."""
    counts, reasons = {}, {}
    for folder in list(_FOLDERS.values()):
        for f, why in folder.skips():
            counts[f] = counts.get(f, 0) + 1
            reasons.setdefault(f, why)
    return [f'{f} ({n}x): {reasons[f]}' for f, n in counts.items()]


def explain(exc: BaseException) -> Optional[str]:
    """An error message naming the samples the dead worker(s) held, or None
    when ``exc`` is not a dead-worker error of a dataset of this package."""
    msg = str(exc)
    if 'DataLoader worker' not in msg:
        return None
    m = PID.search(msg)
    if not m:
        return None
    pids = [int(p) for p in re.findall(r'\d+', m.group(1))]
    held = []
    for folder in list(_FOLDERS.values()):
        for pid in pids:
            held += [(pid, i, f) for i, f in folder.held_by(pid)]
    if not held:
        return None
    names = '; '.join(f'sample {i} ({f}), worker pid {p}' for p, i, f in held)
    return (f'{msg.strip().rstrip(".")}. It was loading: {names}. Check the '
            'file with python tools/data/check_videos.py, or load videos with '
            'SafeDecordInit, which checks each file in a child process first.')
