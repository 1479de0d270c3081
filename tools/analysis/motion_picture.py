"""One picture of a coarse-to-fine motion model's motion on a clip, beside
OpenCV DIS's.

    python tools/analysis/motion_picture.py CONFIG CHECKPOINT --out PNG \
        [--split val] [--index 0] [--pairs 3] [--cfg-options ...]

Reads sample ``--index`` of the split through the config's own pipeline and
the model's data preprocessor (the frames the model sees), predicts its
motion and computes DIS (medium) on the same frames, and writes one PNG:
for each of the first ``--pairs`` frame pairs (columns), the left block is
ours and the right block DIS, four rows each (``MotionVisualizationHook``'s
rendering): frame t, the motion colour-coded (hue the direction, brightness
the magnitude, one scale for both blocks), frame t+1 warped onto frame t,
and the warp's absolute error (x4). Prints the path and, per pair, the mean
absolute warp error of zero motion, ours and DIS.
"""
import argparse
import os
import os.path as osp
import sys

import cv2
import numpy as np
import torch
from mmengine.config import Config, DictAction

import mmmotion  # noqa: F401
from mmmotion.engine.hooks.motion_vis_hook import MotionVisualizationHook
from mmmotion.models.layers.warp import backward_warp

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from loss_at_motion import build_model, estimated_flows  # noqa: E402
from overfit_motion import pairs  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config')
    p.add_argument('checkpoint')
    p.add_argument('--out', required=True, help='the PNG to write')
    p.add_argument('--split', default='val', choices=('train', 'val'))
    p.add_argument('--index', type=int, default=0)
    p.add_argument('--pairs', type=int, default=3)
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    return p.parse_args(argv)


def read_sample(cfg: Config, model, split: str, index: int) -> torch.Tensor:
    """``(1, C, T, H, W)`` clip of sample ``index`` on [0, 1]."""
    from mmengine.registry import DefaultScope

    from mmmotion.registry import DATASETS
    with DefaultScope.overwrite_default_scope('mmmotion'):
        dataset = DATASETS.build(cfg[f'{split}_dataloader']['dataset'])
        if hasattr(dataset, 'full_init'):
            dataset.full_init()
        if not 0 <= index < len(dataset):
            raise IndexError(f'--index {index}: the {split} split has '
                             f'{len(dataset)} samples')
        data = dataset[index]
        if data is None:
            raise ValueError(f'sample {index} of the {split} split could not '
                             'be read')
        batch = model.data_preprocessor(
            dict(inputs=[data['inputs']], data_samples=[data['data_samples']]),
            False)
    return model._clips(batch['inputs'])[:1]


def label(image: np.ndarray, text: str) -> np.ndarray:
    """A 14 px title row above an RGB image."""
    bar = np.full((14, image.shape[1], 3), 255, np.uint8)
    cv2.putText(bar, text, (2, 11), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (0, 0, 0),
                1, cv2.LINE_AA)
    return np.concatenate([bar, image], 0)


def main(argv=None) -> dict:
    args = parse_args(argv)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    model = build_model(cfg, args.checkpoint)
    clip = read_sample(cfg, model, args.split, args.index)
    c, t, h, w = clip.shape[1:]
    p = max(1, min(args.pairs, t - 1))
    clip = clip[:, :, :p + 1]
    prev, nxt = pairs(clip)
    s = getattr(model.decoder, 'size_divisor', model.decoder.out_stride)
    padded = torch.nn.functional.pad(
        clip, (0, -w % s, 0, -h % s, 0, 0), mode='replicate')
    with torch.no_grad():
        ours = model.motion(padded)[..., :h, :w][0]  # (2, p, H, W)
    dis = estimated_flows(prev, nxt)['dis'].float().transpose(0, 1)
    scale = float(max(ours.norm(dim=0).max(), dis.norm(dim=0).max())) or 1.0
    hook = MotionVisualizationHook(max_pairs=p)
    blocks = []
    for name, motion in (('ours', ours), ('OpenCV DIS', dis)):
        # one colour scale for both blocks: a pixel of that magnitude
        # appended out of view would change the rendering, so scale here
        img = hook.render(motion, clip[0])
        colour = _colour(motion, scale)
        img[h:2 * h] = colour
        blocks.append(
            label(img, f'{name}: frame t / motion / t+1 warped '
                  f'/ error x4'))
    gap = np.full((blocks[0].shape[0], 6, 3), 255, np.uint8)
    picture = np.concatenate([blocks[0], gap, blocks[1]], 1)
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    cv2.imwrite(args.out, cv2.cvtColor(picture, cv2.COLOR_RGB2BGR))
    errors = {}
    for name, motion in (('zero', torch.zeros_like(dis)), ('ours', ours),
                         ('dis', dis)):
        warped = backward_warp(nxt, motion.transpose(0, 1).contiguous())
        errors[name] = (warped - prev).abs().mean(dim=(1, 2, 3)).tolist()
    print(f'wrote {args.out} (sample {args.index} of the {args.split} split, '
          f'{p} pairs; motion colour scale {scale:.2f} px)')
    for i in range(p):
        print(f'  pair {i}: warp L1 zero {errors["zero"][i]:.4f}, ours '
              f'{errors["ours"][i]:.4f}, DIS {errors["dis"][i]:.4f}')
    return dict(out=args.out, errors=errors, scale=scale)


def _colour(motion: torch.Tensor, scale: float) -> np.ndarray:
    from mmmotion.visualization import flow_to_color
    return np.concatenate([
        flow_to_color(f.permute(1, 2, 0).numpy(), scale)
        for f in motion.transpose(0, 1)
    ], 1)


if __name__ == '__main__':
    main()
