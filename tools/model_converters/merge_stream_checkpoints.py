"""Merge the checkpoints of separately trained streams into one checkpoint
for ``LateFusionRecognizer`` (stream i's keys go under ``streams.i.``):

    python tools/model_converters/merge_stream_checkpoints.py \
        work_dirs/late-fusion.pth RGB_STREAM.pth MOTION_STREAM.pth

then ``python tools/test.py LATE_FUSION_CONFIG work_dirs/late-fusion.pth``.
Inputs are read through mmmotion's safe loader (weights only); the output
holds nothing but tensors.
"""
import argparse
from typing import Sequence

import torch

from mmmotion.utils.atomic_io import atomic_path
from mmmotion.utils.compat import load_checkpoint_weights_only


def merge(dst: str, srcs: Sequence[str]) -> int:
    if len(srcs) < 2:
        raise ValueError(f'late fusion needs >= 2 stream checkpoints, got '
                         f'{len(srcs)}')
    out = {}
    for i, src in enumerate(srcs):
        ckpt = load_checkpoint_weights_only(src, map_location='cpu')
        state = ckpt.get('state_dict', ckpt) if isinstance(ckpt,
                                                           dict) else None
        tensors = {
            k: v
            for k, v in (state or {}).items() if isinstance(v, torch.Tensor)
        }
        if not tensors:
            raise ValueError(f'{src}: no tensors in the checkpoint')
        out.update({f'streams.{i}.{k}': v for k, v in tensors.items()})
    with atomic_path(dst) as tmp:
        torch.save({'state_dict': out}, tmp)
    return len(out)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('dst', help='the merged checkpoint to write')
    p.add_argument(
        'srcs',
        nargs='+',
        help='one checkpoint per stream, in '
        'the order of the config\'s streams')
    args = p.parse_args(argv)
    n = merge(args.dst, args.srcs)
    print(f'{args.dst}: {n} tensors from {len(args.srcs)} streams')


if __name__ == '__main__':
    main()
