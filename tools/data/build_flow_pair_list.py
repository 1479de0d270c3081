"""List frame pairs with ground-truth flow, for ``FlowPairDataset``.

    python tools/data/build_flow_pair_list.py ../shared/data/flow_gt \
        --out data/flow_gt/flow_gt_list.txt

Writes one pair a line, ``frame_t frame_t+1 flow.flo``, paths relative to
``--root`` (default: SRC; use the same folder as the dataset's
``data_prefix['video']``), atomically. Every folder under SRC is searched
for both layouts:

- FlyingChairs: ``N-img0.ppm N-img1.ppm N-gt.flo`` (any image ending);
- Middlebury: ``NAME1.png NAME2.png NAME.flo``.

A file whose partner is missing (a frame without its other frame or flow, a
flow without its frames) is an error naming both, and nothing is written.
"""
import argparse
import os
import os.path as osp
import re
import sys
from typing import List, Tuple

from mmmotion.utils.atomic_io import write_text_atomic

IMAGE_EXTENSIONS = ('.ppm', '.png', '.jpg', '.jpeg', '.bmp', '.tif', '.tiff')
CHAIRS = re.compile(r'^(?P<stem>.+)-(?P<kind>img0|img1|gt)(?P<ext>\.[^.]+)$')


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('src', help='folder searched for pairs (recursively)')
    p.add_argument('--out', required=True, help='the list file to write')
    p.add_argument(
        '--root',
        help='paths in the list are relative to this folder (default: src)')
    return p.parse_args(argv)


def _image(name: str) -> bool:
    return osp.splitext(name)[1].lower() in IMAGE_EXTENSIONS


def _folder_pairs(folder: str,
                  names: List[str]) -> Tuple[List[tuple], List[str]]:
    """The pairs of one folder and the errors (a file without its
    partner)."""
    have = set(names)
    pairs, errors, used = [], [], set()

    def need(owner, partner):
        if partner not in have:
            errors.append(f'{osp.join(folder, owner)}: its partner '
                          f'{osp.join(folder, partner)} is missing')
            return False
        return True

    # FlyingChairs: N-img0.EXT N-img1.EXT N-gt.flo
    chairs = {}
    for n in names:
        m = CHAIRS.match(n)
        if not m:
            continue
        kind, ext = m['kind'], m['ext']
        if (kind == 'gt') != (ext.lower() == '.flo') or (kind != 'gt'
                                                         and not _image(n)):
            continue
        chairs.setdefault(m['stem'], {})[kind] = n
    for stem, parts in sorted(chairs.items()):
        used.update(parts.values())
        img = parts.get('img0') or parts.get('img1')
        ext = osp.splitext(img)[1] if img else '.ppm'
        want = dict(
            img0=f'{stem}-img0{ext}',
            img1=f'{stem}-img1{ext}',
            gt=f'{stem}-gt.flo')
        owner = next(iter(parts.values()))
        if all([need(owner, want[k]) for k in want if k not in parts]):
            pairs.append((want['img0'], want['img1'], want['gt']))
    # Middlebury: NAME1.EXT NAME2.EXT NAME.flo
    for n in names:
        if n in used or not n.lower().endswith('.flo'):
            continue
        stem = n[:-4]
        frames = []
        for k in '12':
            found = [
                stem + k + e
                for e in IMAGE_EXTENSIONS + tuple(x.upper()
                                                  for x in IMAGE_EXTENSIONS)
                if stem + k + e in have
            ]
            frames.append(found[0] if found else None)
        ext = next((osp.splitext(f)[1] for f in frames if f), '.png')
        if all([
                need(n, f or f'{stem}{k}{ext}') for k, f in zip('12', frames)
                if f is None
        ]):
            pairs.append((frames[0], frames[1], n))
        used.update(f for f in frames if f)
        used.add(n)
    # both Middlebury frames but no flow
    for n in names:
        stem, ext = osp.splitext(n)
        if (n not in used and _image(n) and stem.endswith('1')
                and stem[:-1] + '2' + ext in have):
            need(n, stem[:-1] + '.flo')
    return [tuple(osp.join(folder, p) for p in pair) for pair in pairs], errors


def find_pairs(src: str) -> Tuple[List[tuple], List[str]]:
    """Every pair under ``src`` (sorted) and the errors."""
    pairs, errors = [], []
    for folder, dirs, names in os.walk(src, followlinks=True):
        dirs.sort()
        p, e = _folder_pairs(folder, sorted(names))
        pairs += p
        errors += e
    return pairs, errors


def main(argv=None):
    args = parse_args(argv)
    if not osp.isdir(args.src):
        sys.exit(f'{args.src}: not a folder')
    root = args.root if args.root is not None else args.src
    pairs, errors = find_pairs(args.src)
    if errors:
        sys.exit('\n'.join(errors) + f'\n{len(errors)} file(s) without their '
                 f'partner; nothing written to {args.out}')
    if not pairs:
        sys.exit(f'{args.src}: no frame pairs with flow (N-img0/N-img1/N-gt.'
                 'flo or NAME1/NAME2/NAME.flo); nothing written')
    rel = [[osp.relpath(p, root) for p in pair] for pair in pairs]
    spaced = [p for pair in rel for p in pair if len(p.split()) != 1]
    if spaced:
        sys.exit(f'{spaced[0]}: a path with spaces cannot be listed '
                 '(FlowPairDataset splits lines on whitespace)')
    lines = [' '.join(pair) for pair in rel]
    write_text_atomic(args.out, '\n'.join(lines) + '\n')
    print(f'{len(lines)} pairs -> {args.out}')


if __name__ == '__main__':
    main()
