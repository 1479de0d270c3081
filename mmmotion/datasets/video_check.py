"""Check a video file once, in a child process, before the first decode.

decord can crash the whole process on some broken files (a truncated MPEG-4
AVI handed to it as a ``BytesIO``, as MMAction2's ``DecordInit`` does,
segfaults). :func:`check_video` opens and decodes the file in a child
process (``video_probe.py``), so that such a crash, a decoder error or a
hang becomes a :class:`BadSampleError` naming the file and what is wrong.
Before that, a file shorter than its container declares (a truncated copy,
which decord often opens and quietly cuts short) is refused
(``container_size.py``).

Ours: the result is cached by (absolute path, size, modification time), in
this process and in a folder shared by every process and run
(``$MMMOTION_VIDEO_CHECK_CACHE``, default ``~/.cache/mmmotion/video_check``),
so a file is probed once, not once per loader worker or epoch; a file that
changes is probed again. The same checker serves the pre-flight tool
(``tools/data/check_videos.py``) and ``SafeDecordInit``.
"""
import hashlib
import json
import os
import os.path as osp
import signal
import subprocess
import sys
from typing import Dict, Optional

from mmmotion.utils.atomic_io import write_text_atomic
from .container_size import truncation
from .errors import BadSampleError

PROBE = osp.join(osp.dirname(osp.abspath(__file__)), 'video_probe.py')
# seconds a probe may take before the file counts as hanging the decoder
DEFAULT_TIMEOUT = 300
_memo: Dict[str, dict] = {}


def cache_dir() -> str:
    """The folder of cached check results."""
    return os.environ.get(
        'MMMOTION_VIDEO_CHECK_CACHE',
        osp.join(osp.expanduser('~'), '.cache', 'mmmotion', 'video_check'))


# bumped when a probe's result gains fields (2: the seek check), so that
# older cached results are probed again
PROBE_VERSION = 2


def _key(path: str, full: bool) -> str:
    st = os.stat(path)
    raw = (f'{osp.abspath(path)}|{st.st_size}|{st.st_mtime_ns}|{int(full)}'
           f'|v{PROBE_VERSION}')
    return hashlib.sha1(raw.encode()).hexdigest()


def _signal_name(rc: int) -> str:
    try:
        return signal.Signals(-rc).name
    except ValueError:
        return f'signal {-rc}'


def readable(path: str) -> bool:
    """Whether ``path`` may be read; a file with no read bits counts as
    unreadable even for root (who could read it anyway)."""
    return os.access(path, os.R_OK) and bool(os.stat(path).st_mode & 0o444)


def probe_video(path: str,
                full: bool = True,
                timeout: float = DEFAULT_TIMEOUT) -> dict:
    """Open and decode ``path`` in a child process, uncached.

    Returns ``{"ok": True, "frames": N}`` or ``{"ok": False, "reason":
    ...}``; never raises for a bad file.
    """
    if not osp.exists(path):
        return dict(ok=False, reason='file does not exist')
    if not readable(path):
        return dict(ok=False, reason='no read permission')
    if osp.getsize(path) == 0:
        return dict(ok=False, reason='empty file (0 bytes)')
    try:
        cut = truncation(path)
    except OSError as e:
        return dict(ok=False, reason=f'cannot be read ({e})')
    if cut:
        return dict(ok=False, reason=cut)
    cmd = [sys.executable, '-I', PROBE, path] + (['--full'] if full else [])
    try:
        res = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            errors='replace')
    except subprocess.TimeoutExpired:
        return dict(
            ok=False,
            transient=True,
            reason=f'the decoder did not finish in '
            f'{timeout:.0f} s')
    if res.returncode < 0:
        sig = _signal_name(res.returncode)
        return dict(
            ok=False,
            # killed from outside (the out-of-memory killer, a stop): the
            # file may be fine, so this is not remembered
            transient=sig in ('SIGKILL', 'SIGTERM', 'SIGINT'),
            reason=f'the decoder crashed ({sig}) opening or decoding it')
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith('{')]
    if res.returncode != 0 or not lines:
        tail = (res.stderr.strip().splitlines() or [''])[-1][:300]
        return dict(
            ok=False,
            transient=True,  # the probe itself failed, not the decoder
            reason=f'the probe failed (exit '
            f'{res.returncode}): {tail}')
    return json.loads(lines[-1])


def check_video(path: str,
                full: bool = True,
                timeout: float = DEFAULT_TIMEOUT,
                use_cache: bool = True) -> int:
    """Raise :class:`BadSampleError` naming ``path`` unless it opens and
    decodes; return its number of frames. Cached (see the module)."""
    return video_facts(path, full, timeout, use_cache)['frames']


def video_facts(path: str,
                full: bool = True,
                timeout: float = DEFAULT_TIMEOUT,
                use_cache: bool = True) -> dict:
    """:func:`check_video`, returning the probe's whole result: ``frames``
    and, after a full check, ``seek_error`` and (for a stream whose seeks
    decode wrong) ``seek_safe_until`` (``video_probe.py``)."""
    if not osp.exists(path):
        raise BadSampleError(f'{path}: file does not exist')
    key = _key(path, full)
    result: Optional[dict] = _memo.get(key) if use_cache else None
    cached = osp.join(cache_dir(), key + '.json')
    if result is None and use_cache and osp.isfile(cached):
        try:
            with open(cached) as f:
                result = json.load(f)
        except (OSError, ValueError):
            result = None  # a damaged cache entry: probe again
    if result is None:
        result = probe_video(path, full, timeout)
        # what the decoder said is remembered; a timeout, a kill from
        # outside, a failed probe and a permission (it can change without
        # touching size or mtime) are not
        if use_cache and not result.get('transient') and \
                result.get('reason') != 'no read permission':
            try:
                write_text_atomic(cached, json.dumps(result))
            except OSError:
                pass  # a read-only cache only costs a probe per process
    if use_cache and not result.get('transient'):
        _memo[key] = result
    if not result['ok']:
        raise BadSampleError(f'{path}: {result["reason"]}')
    return result
