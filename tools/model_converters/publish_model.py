"""Publish a training checkpoint as a weights-only file named by its hash, as
OpenMMLab's ``publish_model.py`` does.

    python tools/model_converters/publish_model.py \
        work_dirs/run/epoch_40.pth checkpoints/<config name>.pth [--half]

Keeps the model's tensors only (``{'state_dict': ...}``: no optimiser, no
message hub, nothing that a weights-only load refuses), then renames the
file ``<config name>_<first 8 hex digits of its sha256>.pth`` and prints the
path and the full sha256 (for a metafile's ``Weights:`` and the checkpoint
table).
"""
import argparse
import os
import os.path as osp

from extract_backbone_weights import extract

from mmmotion.utils.file_hash import sha256


def _to_half(path: str) -> None:
    """Store the floating tensors of a weights file in float16."""
    import torch

    from mmmotion.utils.atomic_io import atomic_path
    state = torch.load(path, map_location='cpu', weights_only=True)
    state['state_dict'] = {
        k: v.half() if v.is_floating_point() else v
        for k, v in state['state_dict'].items()
    }
    with atomic_path(path) as tmp:
        torch.save(state, tmp)


def publish(src: str, dst: str, half: bool = False) -> tuple:
    """Write the weights of ``src`` to ``dst`` renamed by their hash;
    return ``(path, sha256)``. ``half``: floating tensors in float16, half
    the file (``load_state_dict`` copies them into the model's float32
    parameters; check the shipped metric with the written file)."""
    if not dst.endswith('.pth'):
        raise ValueError(f'{dst}: the output must end in .pth')
    os.makedirs(osp.dirname(osp.abspath(dst)), exist_ok=True)
    extract(src, dst, prefix='')
    if half:
        _to_half(dst)
    digest = sha256(dst)
    final = f'{dst[:-4]}_{digest[:8]}.pth'
    os.replace(dst, final)
    return final, digest


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('src')
    p.add_argument('dst')
    p.add_argument(
        '--half',
        action='store_true',
        help='store floating tensors in float16 (half the file)')
    args = p.parse_args(argv)
    path, digest = publish(args.src, args.dst, args.half)
    print(f'{path}\nsha256: {digest}')


if __name__ == '__main__':
    main()
