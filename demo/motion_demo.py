"""Run a trained motion model on a video and write what it sees, side by
side, pair by pair.

    python demo/motion_demo.py VIDEO CONFIG [CHECKPOINT] --out out.mp4 \
        [--dis] [--device cuda] [--windows all|pipeline] [--max-pairs N]

VIDEO: any file the config's loader reads (a video for RGB configs, an MSR
``.mat`` / ``.bin`` for depth ones). ``--out``: ``.mp4``, ``.gif`` or a
folder (one PNG a pair). Each picture is one frame pair of the frames the
model reads (the config's test pipeline: resize, crop, frame interval),
labelled tiles in a row:

- coarse-to-fine motion: frame t, the motion colour-coded (hue: direction,
  brightness: magnitude; the colour wheel on the right gives the scale, one
  for the whole video), and the error of frame t+1 warped onto frame t by it
  (x4);
- DynamoNet: frame t, the predicted frame t+1, its error, copying frame t's
  error (the trivial baseline), and the dynamic filters read as motion;
- atomic flows: frame t+1, the predicted motion of the next pair (step 1,
  decoded to dense flow) and the error of warping frame t+2 onto t+1 by it;
- ``--dis``: OpenCV DIS flow (medium) of the same pair and its warp error,
  beside.

For a recognizer's class scores use ``demo/demo_recognizer.py``.
"""
import argparse
import os
import os.path as osp
import sys

import cv2
import numpy as np
import torch
from mmengine.utils import ProgressBar

from mmmotion.apis import (AtomicFlowResult, FramePredictionResult,
                           MotionResult, inference_motion, init_model)
from mmmotion.utils.optical_flow import compute_flow, grey_uint8
from mmmotion.visualization.flow_color import flow_to_color
from mmmotion.visualization.motion_panels import (error_map, legend,
                                                  motion_tiles, panel_row,
                                                  robust_max, to_rgb)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('video')
    p.add_argument('config')
    p.add_argument(
        'checkpoint',
        nargs='?',
        help='weights (default: none, '
        'the config\'s initialisation)')
    p.add_argument(
        '--out', required=True, help='.mp4, .gif or a folder for PNGs')
    p.add_argument(
        '--dis',
        action='store_true',
        help='also show OpenCV DIS flow on the same frames')
    p.add_argument('--device', default='cpu')
    p.add_argument('--windows', default='all', choices=('all', 'pipeline'))
    p.add_argument(
        '--max-pairs',
        type=int,
        default=None,
        help='render only the first N pairs')
    p.add_argument('--fps', type=float, default=6.0)
    p.add_argument(
        '--gain',
        type=float,
        default=4.0,
        help='amplification of the error maps')
    p.add_argument('--batch-size', type=int, default=4)
    return p.parse_args(argv)


def dis_flow(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    f = compute_flow(grey_uint8(a), grey_uint8(b), 'dis')
    return torch.from_numpy(f).permute(2, 0, 1).float()


def pictures(res, args):
    """One RGB picture a pair: (list of images, the colour scale)."""
    f = res.frames
    if isinstance(res, MotionResult):
        motions = list(res.motion)
        pairs = range(len(res.motion))
    elif isinstance(res, FramePredictionResult):
        motions = list(res.motion)
        pairs = range(len(res.pred_frames))
    elif isinstance(res, AtomicFlowResult):
        motions = [fl[0] for fl in res.flow]
        pairs = range(len(res.flow))
    else:
        raise SystemExit(f'{type(res).__name__}: not a motion model; for '
                         'class scores run demo/demo_recognizer.py')
    if args.max_pairs:
        pairs = pairs[:args.max_pairs]
    dis = {}
    if args.dis:
        for p in pairs:
            src = p + 1 if isinstance(res, AtomicFlowResult) else p
            if src + 1 < len(f):
                dis[p] = dis_flow(f[src], f[src + 1])
    mag = robust_max([motions[p] for p in pairs] + list(dis.values()))
    out = []
    bar = ProgressBar(len(pairs))
    for p in pairs:
        if isinstance(res, AtomicFlowResult):
            t = p + 1  # the predicted step is the pair after the input pair
            names = [f'frame {res.frame_inds[t]}', 'predicted motion']
            tiles = [to_rgb(f[t])]
            if t + 1 < len(f):
                tiles += motion_tiles(f[t], f[t + 1], motions[p], mag,
                                      args.gain)
                names.append('warp error')
            else:
                tiles.append(
                    flow_to_color(motions[p].permute(1, 2, 0).numpy(), mag))
        elif isinstance(res, FramePredictionResult):
            t = p
            names = [
                f'frame {res.frame_inds[t]}', 'predicted next',
                'prediction error', 'copy-last error', 'filters as motion'
            ]
            tiles = [
                to_rgb(f[t]),
                to_rgb(res.pred_frames[p]),
                error_map(res.pred_frames[p], f[t + 1], args.gain),
                error_map(f[t], f[t + 1], args.gain),
                flow_to_color(motions[p].permute(1, 2, 0).numpy(), mag)
            ]
        else:
            t = p
            names = [f'frame {res.frame_inds[t]}', 'motion', 'warp error']
            tiles = [to_rgb(f[t])] + motion_tiles(f[t], f[t + 1], motions[p],
                                                  mag, args.gain)
        if p in dis:
            src = t if not isinstance(res, AtomicFlowResult) else t
            tiles += motion_tiles(f[src], f[src + 1], dis[p], mag, args.gain)
            names += ['DIS flow', 'DIS warp error']
        row = panel_row(tiles, names)
        out.append(np.concatenate([row, legend(row.shape[0], mag)], 1))
        bar.update()
    sys.stdout.write('\n')
    return out, mag


def write(images, out: str, fps: float) -> str:
    ext = osp.splitext(out)[1].lower()
    if ext == '.mp4':
        os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
        h, w = images[0].shape[:2]
        vw = cv2.VideoWriter(out, cv2.VideoWriter_fourcc(*'mp4v'), fps, (w, h))
        if not vw.isOpened():
            raise SystemExit(f'{out}: OpenCV cannot write mp4 here; use '
                             '.gif or a folder')
        for im in images:
            vw.write(cv2.cvtColor(im, cv2.COLOR_RGB2BGR))
        vw.release()
    elif ext == '.gif':
        from PIL import Image
        os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
        frames = [Image.fromarray(im) for im in images]
        frames[0].save(
            out,
            save_all=True,
            append_images=frames[1:],
            duration=int(1000 / fps),
            loop=0)
    elif ext == '':
        os.makedirs(out, exist_ok=True)
        for k, im in enumerate(images):
            cv2.imwrite(
                osp.join(out, f'pair_{k:04d}.png'),
                cv2.cvtColor(im, cv2.COLOR_RGB2BGR))
    else:
        raise SystemExit(f'--out must end in .mp4 or .gif, or be a folder; '
                         f'got {out}')
    return out


def main(argv=None):
    args = parse_args(argv)
    if not osp.isfile(args.video):
        raise SystemExit(f'{args.video}: no such file')
    if args.device.startswith('cuda') and not torch.cuda.is_available():
        raise SystemExit('--device cuda: no CUDA device here')
    model = init_model(args.config, args.checkpoint, args.device)
    print(f'running {type(model).__name__} on {args.video} ...')
    res = inference_motion(
        model, args.video, windows=args.windows, batch_size=args.batch_size)
    images, mag = pictures(res, args)
    path = write(images, args.out, args.fps)
    print(f'{len(images)} pairs of {len(res.frames)} frames '
          f'({tuple(res.frames.shape[-2:])} px, colour scale {mag:.2f} px) '
          f'written to {path}')
    return path


if __name__ == '__main__':
    main()
