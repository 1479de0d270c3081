"""Is a video file shorter than its container says? (truncated downloads and
copies)

A truncated file often still opens, and decord then quietly returns the
frames before the cut (or, given the bytes in memory, crashes). The
containers record their own sizes, so a cut is visible without decoding:

- AVI (RIFF): the size in the RIFF header;
- MP4 / MOV (ISO base media): the sizes of the top-level boxes;
- MKV / WebM (EBML): the size of the Segment element (unless "unknown", as
  live streams write it).

Ours: only the top level is read (a few bytes, pure Python, so it cannot
crash); a format not listed is not judged here (the decode check still is).
An AVI also declares its number of frames (:func:`declared_frames`), which
the decode check compares with what decodes.
"""
import os
import struct
from typing import Optional


def _avi(f, size: int) -> Optional[str]:
    head = f.read(12)
    if len(head) < 12 or head[:4] != b'RIFF':
        return None
    declared = struct.unpack('<I', head[4:8])[0] + 8
    if declared > size:
        return (f'truncated: its RIFF header declares {declared} bytes, the '
                f'file has {size}')
    return None


def _iso(f, size: int) -> Optional[str]:
    pos = 0
    while pos + 8 <= size:
        f.seek(pos)
        head = f.read(16)
        box, kind = struct.unpack('>I', head[:4])[0], head[4:8]
        if box == 1:
            if len(head) < 16:
                return 'truncated inside a box header'
            box = struct.unpack('>Q', head[8:16])[0]
        elif box == 0:  # to the end of the file
            return None
        if box < 8:
            return f'damaged: a top-level box of {box} bytes at byte {pos}'
        if pos + box > size:
            return (f'truncated: its {kind.decode("latin-1")!r} box at byte '
                    f'{pos} declares {box} bytes, {size - pos} remain')
        pos += box
    return None


def _vint(f):
    """An EBML variable-length integer: (value, all ones, length)."""
    first = f.read(1)
    if not first:
        return None, False, 0
    b = first[0]
    length = 1
    while length <= 8 and not b & (0x80 >> (length - 1)):
        length += 1
    if length > 8:
        return None, False, 0
    value = b & (0xFF >> length)
    rest = f.read(length - 1)
    if len(rest) < length - 1:
        return None, False, 0
    for c in rest:
        value = (value << 8) | c
    return value, value == (1 << (7 * length)) - 1, length


def _ebml_id(f):
    first = f.read(1)
    if not first:
        return None
    length = 1
    while length <= 4 and not first[0] & (0x80 >> (length - 1)):
        length += 1
    return first + f.read(length - 1)


def _mkv(f, size: int) -> Optional[str]:
    if f.read(4) != b'\x1a\x45\xdf\xa3':
        return None
    head, unknown, _ = _vint(f)
    if head is None or unknown:
        return None
    f.seek(f.tell() + head)
    while f.tell() < size:
        eid = _ebml_id(f)
        if eid is None:
            return None
        length, unknown, _ = _vint(f)
        if length is None:
            return 'truncated inside an element header'
        start = f.tell()
        if eid == b'\x18\x53\x80\x67':  # Segment
            if not unknown and start + length > size:
                return (f'truncated: its Segment declares {length} bytes, '
                        f'{size - start} remain')
            return None
        if unknown:
            return None
        f.seek(start + length)
    return None


def declared_frames(path: str) -> Optional[int]:
    """The frame count an AVI's main header (``avih``) declares, or None
    (another format, or no such header)."""
    with open(path, 'rb') as f:
        head = f.read(4096)
    if head[:4] != b'RIFF' or head[8:12] != b'AVI ':
        return None
    i = head.find(b'avih')
    if i < 0 or i + 8 + 20 > len(head):
        return None
    return struct.unpack('<I', head[i + 8 + 16:i + 8 + 20])[0]


def truncation(path: str) -> Optional[str]:
    """Why ``path`` is shorter than its container says, or None (complete,
    or a format not judged here)."""
    size = os.path.getsize(path)
    with open(path, 'rb') as f:
        magic = f.read(12)
        f.seek(0)
        if magic[:4] == b'RIFF':
            return _avi(f, size)
        if magic[:4] == b'\x1a\x45\xdf\xa3':
            return _mkv(f, size)
        if magic[4:8] in (b'ftyp', b'moov', b'mdat', b'free', b'wide',
                          b'skip'):
            return _iso(f, size)
    return None
