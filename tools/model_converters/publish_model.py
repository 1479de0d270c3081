"""Publish a training checkpoint as a weights-only file named by its hash, as
OpenMMLab's ``publish_model.py`` does.

    python tools/model_converters/publish_model.py \
        work_dirs/run/epoch_40.pth checkpoints/<config name>.pth

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


def publish(src: str, dst: str) -> tuple:
    """Write the weights of ``src`` to ``dst`` renamed by their hash;
    return ``(path, sha256)``."""
    if not dst.endswith('.pth'):
        raise ValueError(f'{dst}: the output must end in .pth')
    os.makedirs(osp.dirname(osp.abspath(dst)), exist_ok=True)
    extract(src, dst, prefix='')
    digest = sha256(dst)
    final = f'{dst[:-4]}_{digest[:8]}.pth'
    os.replace(dst, final)
    return final, digest


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('src')
    p.add_argument('dst')
    args = p.parse_args(argv)
    path, digest = publish(args.src, args.dst)
    print(f'{path}\nsha256: {digest}')


if __name__ == '__main__':
    main()
