"""Turn a training checkpoint into a weights-only file of backbone weights.

    python tools/model_converters/extract_backbone_weights.py \
        work_dirs/run/epoch_100.pth backbone.pth [--prefix backbone.]

The output holds ``{'state_dict': {...}}`` with the keys under ``--prefix``
kept as they are (so ``init_cfg=dict(type='Pretrained', checkpoint=...,
prefix='backbone.')`` loads it) and nothing but tensors, so it loads with
``torch.load(..., weights_only=True)`` anywhere. The input is read through
mmmotion's safe loader (weights-only, mmengine's data types allowed).
With ``--strip`` the prefix is dropped from the keys, for backbones that load
through ``pretrained=`` (MMAction2's ``ResNet3d`` ignores ``init_cfg``).
"""
import argparse

import torch

from mmmotion.utils.atomic_io import atomic_path
from mmmotion.utils.compat import load_checkpoint_weights_only


def extract(src: str,
            dst: str,
            prefix: str = 'backbone.',
            strip: bool = False) -> int:
    ckpt = load_checkpoint_weights_only(src, map_location='cpu')
    state = ckpt.get('state_dict', ckpt) if isinstance(ckpt, dict) else None
    if not isinstance(state, dict):
        raise ValueError(f'{src}: no state_dict in the checkpoint')
    out = {
        (k[len(prefix):] if strip else k): v
        for k, v in state.items()
        if k.startswith(prefix) and isinstance(v, torch.Tensor)
    }
    if not out:
        raise ValueError(
            f'{src}: no tensor keys start with "{prefix}" (first keys: '
            f'{list(state)[:5]})')
    with atomic_path(dst) as tmp:
        torch.save({'state_dict': out}, tmp)
    return len(out)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('src')
    p.add_argument('dst')
    p.add_argument('--prefix', default='backbone.')
    p.add_argument(
        '--strip',
        action='store_true',
        help='drop the prefix from the keys (for backbones that load through '
        '`pretrained=` instead of init_cfg, like MMAction2\'s ResNet3d)')
    args = p.parse_args(argv)
    n = extract(args.src, args.dst, args.prefix, args.strip)
    print(f'{n} tensors under "{args.prefix}" -> {args.dst}')


if __name__ == '__main__':
    main()
