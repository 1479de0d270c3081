"""Make clips with known motion: real frames moved by smooth random flows.

    python tools/data/make_synthetic_motion.py VIDEO [VIDEO ...] \
        --out data/synthetic_motion [--frames 4] [--size 128 96] [--max-disp 3]

For each video, its middle frame (resized to ``--size`` W H) becomes the last
frame of a clip; each earlier frame is made by backward warping
(``mmmotion.models.layers.warp.backward_warp``) the one after it by a smooth
random flow, so that the flow from frame t to t+1 is known exactly:
``frame_{t+1}(p + flow_t(p)) = frame_t(p)``. A flow is a sum of a random
global translation and a few Gaussian-smoothed random fields, scaled to at
most ``--max-disp`` pixels. Writes ``<out>/<name>.npz`` with ``frames``
(``float32 T x H x W x 3`` on [0, 1]) and ``flows`` (``float32 T-1 x 2 x H x
W``), atomically; seeded by ``--seed`` and the file's position, so a re-run
makes the same files (finished ones are skipped). For end-point error of
motion estimators (``MotionWarpMetric`` with ``gt_motion``).
"""
import argparse
import os
import os.path as osp

import cv2
import numpy as np

from mmmotion.utils.atomic_io import atomic_path


def smooth_flow(rng, h, w, max_disp, sigma=None):
    """A smooth random flow ``(2, H, W)`` with magnitudes up to max_disp."""
    sigma = sigma or max(h, w) / 6
    field = rng.standard_normal((2, h, w)).astype(np.float32)
    field = np.stack([cv2.GaussianBlur(f, (0, 0), sigma) for f in field])
    field /= max(np.abs(field).max(), 1e-6)
    shift = rng.uniform(-1, 1, size=(2, 1, 1)).astype(np.float32)
    flow = 0.5 * field + 0.5 * shift
    mag = np.sqrt((flow**2).sum(0)).max()
    return (flow * (max_disp / max(mag, 1e-6))).astype(np.float32)


def make_clip(frame, num_frames, max_disp, rng):
    import torch

    from mmmotion.models.layers.warp import backward_warp
    h, w = frame.shape[:2]
    frames = [torch.from_numpy(frame).permute(2, 0, 1)[None].double()]
    flows = []
    for _ in range(num_frames - 1):
        flow = smooth_flow(rng, h, w, max_disp)
        prev = backward_warp(frames[0], torch.from_numpy(flow)[None].double())
        frames.insert(0, prev)
        flows.insert(0, flow)
    clip = torch.cat(frames).permute(0, 2, 3, 1).float().numpy()
    return clip, np.stack(flows)


def read_middle_frame(path, size):
    import decord
    try:
        vr = decord.VideoReader(path)
        f = vr[len(vr) // 2].asnumpy()
    except Exception as e:  # noqa: BLE001
        raise RuntimeError(f'{path}: cannot read a frame ({e})') from e
    f = cv2.resize(f, tuple(size), interpolation=cv2.INTER_AREA)
    return f.astype(np.float32) / 255


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('videos', nargs='+')
    p.add_argument('--out', required=True)
    p.add_argument('--frames', type=int, default=4)
    p.add_argument(
        '--size', type=int, nargs=2, default=[128, 96], metavar=('W', 'H'))
    p.add_argument('--max-disp', type=float, default=3.0)
    p.add_argument('--seed', type=int, default=0)
    args = p.parse_args(argv)
    if args.frames < 2:
        raise SystemExit('--frames must be >= 2')
    os.makedirs(args.out, exist_ok=True)
    done = 0
    for i, path in enumerate(args.videos):
        dst = osp.join(args.out, osp.splitext(osp.basename(path))[0] + '.npz')
        if osp.isfile(dst):
            continue
        rng = np.random.default_rng([args.seed, i])
        frames, flows = make_clip(
            read_middle_frame(path, args.size), args.frames, args.max_disp,
            rng)
        with atomic_path(dst) as tmp, open(tmp, 'wb') as f:
            np.savez(f, frames=frames, flows=flows)
        done += 1
    print(f'{done} written, {len(args.videos) - done} already there -> '
          f'{args.out}')


if __name__ == '__main__':
    main()
