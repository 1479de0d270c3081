"""Open and decode one video with decord, in a process of its own.

    python mmmotion/datasets/video_probe.py VIDEO [--full]

Run by :func:`mmmotion.datasets.video_check.check_video` as a child process,
so that a decoder crash (decord segfaults on some broken files) ends this
process, not the caller. Imports only decord, numpy and the standard library.
Prints one JSON line: ``{"ok": true, "frames": N, ...}`` or ``{"ok": false,
"reason": "..."}``. Without ``--full`` the first, middle and last frames are
decoded; with it every frame, in order, and then the seek check below.

The seek check (ours, with ``--full``): decord reads a sampled frame by
seeking to the key frame before it and decoding forward. In a stream whose
key frames are not clean entry points (open GOPs, a broken index) that
decodes *silently wrong*: grey or smeared frames and no error, only
ffmpeg's "error while decoding MB" lines (measured: the natural-RGB clip
``imageio_cockatoo.mp4``, 79.7 grey levels off). For up to
``SEEK_PROBES`` key frames after the first, the frame halfway to the next
key frame is read again by a cold seek in a fresh reader and compared with
the same frame of the in-order decode. The result adds ``seek_error`` (the
largest mean absolute difference, 0-255) and, when it exceeds
``SEEK_TOLERANCE``, ``seek_safe_until``: the first key frame whose seek
decodes wrong (frames before it decode right by seeking).
"""
import json
import sys

# key frames after the first whose seeks are checked (spread over the video)
SEEK_PROBES = 3
# mean absolute difference (0-255) above which a seek decodes wrong; ours:
# clean streams give 0, the shared ud810 and natural clips at most 0.64
# below it and 1.6 / 79.7 above it (docs/logs/seek_check)
SEEK_TOLERANCE = 1.0


def _first_line(e: Exception) -> str:
    """``Type: first line of the message`` (the message may be empty)."""
    lines = str(e).strip().splitlines() or ['']
    return f'{type(e).__name__}: {lines[0][:200]}'


def seek_probes(keys, n: int) -> list:
    """``[(key frame, probed frame)]``: up to ``SEEK_PROBES`` key frames
    after frame 0, each with the frame halfway to the next key frame."""
    keys = sorted({int(k) for k in keys if 0 < int(k) < n})
    if len(keys) > SEEK_PROBES:
        step = (len(keys) - 1) / (SEEK_PROBES - 1)
        keys = [keys[round(i * step)] for i in range(SEEK_PROBES)]
    every = sorted({int(k) for k in keys} | {n})
    return [(k, (k + every[every.index(k) + 1] - 1) // 2) for k in keys]


def seek_check(path: str, probes: list, frames: dict) -> dict:
    """Compare each probed frame read by a cold seek with ``frames`` (the
    same frames decoded in order); see the module."""
    import decord
    import numpy as np
    worst, until = 0.0, None
    for key, i in probes:
        cold = decord.VideoReader(path, num_threads=1).get_batch([i])
        diff = float(
            np.abs(cold.asnumpy()[0].astype(np.float32) -
                   frames[i].astype(np.float32)).mean())
        worst = max(worst, diff)
        if diff > SEEK_TOLERANCE and until is None:
            until = key
    out = dict(seek_error=round(worst, 3))
    if until is not None:
        out['seek_safe_until'] = until
    return out


def probe(path: str, full: bool) -> dict:
    import decord
    reader = decord.VideoReader(path, num_threads=1)
    n = len(reader)
    if n == 0:
        return dict(ok=False, reason='no frames')
    if full:
        try:
            probes = seek_probes(reader.get_key_indices(), n)
        except Exception:  # no index: nothing to check
            probes = []
        wanted, frames = {i for _, i in probes}, {}
        # in chunks, so that a long video does not fill memory
        for start in range(0, n, 64):
            try:
                chunk = reader.get_batch(
                    list(range(start, min(n, start + 64))))
                mine = wanted & set(range(start, start + 64))
                if mine:
                    chunk = chunk.asnumpy()
                    frames.update((i, chunk[i - start]) for i in mine)
            except Exception as e:
                return dict(
                    ok=False,
                    reason=(f'declares {n} frames, but frames {start}-'
                            f'{min(n, start + 64) - 1} do not decode '
                            f'({_first_line(e)})'))
        return dict(ok=True, frames=n, **seek_check(path, probes, frames))
    else:
        for i in sorted({0, n // 2, n - 1}):
            try:
                reader.get_batch([i])
            except Exception as e:
                return dict(
                    ok=False,
                    reason=(
                        f'declares {n} frames, but frame {i} does not decode '
                        f'({_first_line(e)})'))
    return dict(ok=True, frames=n)


def main(argv) -> int:
    path, full = argv[0], '--full' in argv[1:]
    try:
        out = probe(path, full)
    except Exception as e:  # report whatever the decoder says
        msg = str(e).strip().splitlines()
        out = dict(
            ok=False,
            reason=f'{type(e).__name__}: '
            f'{(msg[-1] if msg else "")[:300]}')
    print(json.dumps(out), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
