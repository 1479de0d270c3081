"""Open and decode one video with decord, in a process of its own.

    python mmmotion/datasets/video_probe.py VIDEO [--full]

Run by :func:`mmmotion.datasets.video_check.check_video` as a child process,
so that a decoder crash (decord segfaults on some broken files) ends this
process, not the caller. Imports only decord and the standard library.
Prints one JSON line: ``{"ok": true, "frames": N}`` or ``{"ok": false,
"reason": "..."}``. Without ``--full`` the first, middle and last frames are
decoded; with it every frame, in order.
"""
import json
import sys


def _first_line(e: Exception) -> str:
    """``Type: first line of the message`` (the message may be empty)."""
    lines = str(e).strip().splitlines() or ['']
    return f'{type(e).__name__}: {lines[0][:200]}'


def probe(path: str, full: bool) -> dict:
    import decord
    reader = decord.VideoReader(path, num_threads=1)
    n = len(reader)
    if n == 0:
        return dict(ok=False, reason='no frames')
    if full:
        # in chunks, so that a long video does not fill memory
        for start in range(0, n, 64):
            try:
                reader.get_batch(list(range(start, min(n, start + 64))))
            except Exception as e:
                return dict(
                    ok=False,
                    reason=(f'declares {n} frames, but frames {start}-'
                            f'{min(n, start + 64) - 1} do not decode '
                            f'({_first_line(e)})'))
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
