"""A decord reader for videos whose seeks decode wrong: reads forward.

decord reads a sampled frame by seeking to the key frame before it and
decoding forward. In a stream whose key frames are not clean entry points
(open GOPs, a broken index) that gives grey or smeared frames and no error
(``video_probe.py``'s seek check finds such files; measured on the shared
natural-RGB clip ``imageio_cockatoo.mp4``: 78-80 grey levels off from
frame 76 on). :class:`ForwardReader` wraps such a reader so that every
caller of ``get_batch`` (MMAction2's ``DecordDecode``, the inference API)
gets the frames an in-order decode gives:

- frames before ``safe_until`` (the first key frame whose seek decodes
  wrong) are read by seeking, as decord does;
- later frames are decoded in order, from frame 0 or from where the
  previous call stopped (windows read left to right cost one pass).

Ours. Its cost is the in-order decode up to the last frame asked for;
``SafeDecordInit`` uses it only for files its check found seek-unsafe.
"""
from typing import Iterable, Optional

import decord
import numpy as np


class ForwardReader:
    """A ``decord.VideoReader`` whose ``get_batch`` decodes in order past
    ``safe_until`` (see the module).

    Args:
        reader: the ``decord.VideoReader`` of the file.
        safe_until (int | None): the first frame whose seek decodes wrong;
            None: every frame is decoded in order.
    """

    def __init__(self, reader, safe_until: Optional[int] = None) -> None:
        self.reader = reader
        self.safe_until = 0 if safe_until is None else int(safe_until)
        self._next = None  # the frame the reader's next() returns, if known

    def __len__(self) -> int:
        return len(self.reader)

    def get_avg_fps(self) -> float:
        return self.reader.get_avg_fps()

    def __getattr__(self, name):  # anything else decord's reader has
        return getattr(self.reader, name)

    def __getitem__(self, index: int):
        return decord.nd.array(self.get_batch([index]).asnumpy()[0])

    def get_batch(self, indices: Iterable[int]):
        """The frames at ``indices`` (in their order) as decord's
        ``NDArray``, as ``decord.VideoReader.get_batch`` returns them."""
        inds = [int(i) for i in np.asarray(indices).reshape(-1)]
        n = len(self.reader)
        inds = [i + n if i < 0 else i for i in inds]
        if any(not 0 <= i < n for i in inds):
            raise IndexError(f'frame indices {inds} out of range [0, {n})')
        if max(inds) < self.safe_until:
            self._next = None  # a seek moves the reader
            return self.reader.get_batch(inds)
        wanted = sorted(set(inds))
        if self._next is None or self._next > wanted[0]:
            self.reader.seek(0)
            self._next = 0
        got = {}
        for i in wanted:
            while self._next < i:  # skip_frames seeks too: decode each
                self.reader.next()
                self._next += 1
            got[i] = self.reader.next().asnumpy()
            self._next += 1
        return decord.nd.array(np.stack([got[i] for i in inds]))
