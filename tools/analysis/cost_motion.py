"""Coarse-to-fine motion (Tian et al.) costs, measured in one run (ratios;
this machine is noisy).

    python tools/analysis/cost_motion.py [--sizes 112 224] [--threads 1] \
        [--scale 4] [--configs CONFIG ...]

1. The context-guided upsampler (scale ``--scale``, 4 by default, k = 3,
   2-channel motion, 16 context channels): forward + backward time and
   peak live tensor memory (``live_peak_mb`` of
   ``tools/analysis/peak_memory.py``), with its kernels predicted at the
   output grid (the recorded configs) and at the coarse grid
   (``kernel_grid='coarse'``, the flow-practice configs) and with the
   context itself at the coarse grid (``context_stride`` = the scale),
   against bilinear upsampling followed by a 3x3 conv, and against a naive
   unfold implementation (the low-resolution map nearest-upsampled first,
   then a dilated ``unfold`` at full resolution), at each size.
2. Full motion estimation per frame pair: the ``CoarseToFineMotion``
   models of ``--configs`` (default: the natural-RGB plain, flow-practice
   and soft-argmax configs) on 8-frame clips against OpenCV TV-L1 and DIS
   (medium) on the same frames, at the same resolution, in this run; pairs
   per second and the ratios.
3. Where that time goes (``--parts``): each model's parts timed alone on
   random clips of part 2's shape (speed does not depend on the values;
   the channels are the config's ``model.in_channels``), forward only:
   the 3D encoder, the decoder (and, for a decoder with a 2D frame
   pyramid, the pyramid inside it), the upsampler's context encoder and
   the upsampler; each part's share of
   the sum and, for the encoder, the pairs/s that the encoder alone
   allows (a ceiling for any decoder that reads it).
"""
import argparse
import os.path as osp
import time

import numpy as np

VIDEO = osp.join(
    osp.dirname(__file__), '..', '..', 'tests', 'data', 'unlabeled_rgb',
    'milk.mkv')

C2F = osp.join(
    osp.dirname(__file__), '..', '..', 'configs', 'coarse_to_fine_motion')
DEFAULT_CONFIGS = (
    'c2f-motion_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py',
    'c2f-motion-flow-practice_resnext18-tiny_8x2x1-30e_natural-rgb-112px.py',
    'c2f-motion-soft-argmax_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px'
    '.py')


def _best(fn, reps):
    fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return min(ts)


def upsampler_costs(size, reps, batch=4, scale=4):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    from peak_memory import live_peak_mb  # beside this script

    from mmmotion.models.layers import ContextGuidedUpsample
    torch.manual_seed(0)
    s, k = scale, 3
    low = torch.randn(batch, 2, size // s, size // s, requires_grad=True)
    ctx = torch.randn(batch, 16, size, size, requires_grad=True)
    cgu = ContextGuidedUpsample(16, scale=s, kernel_size=k)
    nn.init.normal_(cgu.kernel_net[-1].weight, std=0.1)
    coarse = ContextGuidedUpsample(
        16, scale=s, kernel_size=k, kernel_grid='coarse')
    nn.init.normal_(coarse.kernel_net[-2].weight, std=0.1)
    cell = ContextGuidedUpsample(
        16, scale=s, kernel_size=k, kernel_grid='coarse', context_stride=s)
    nn.init.normal_(cell.kernel_net[-1].weight, std=0.1)
    ctx_coarse = torch.randn(
        batch, 16, size // s, size // s, requires_grad=True)
    conv = nn.Conv2d(2, 2, 3, padding=1)

    def ours():
        cgu(low, ctx).sum().backward()

    def ours_coarse():
        coarse(low, ctx).sum().backward()

    def ours_cell():
        cell(low, ctx_coarse).sum().backward()

    def bilinear_conv():
        conv(
            F.interpolate(
                low, scale_factor=s, mode='bilinear',
                align_corners=False)).sum().backward()

    def naive_unfold():
        w = cgu.kernel_net(ctx).softmax(1)
        up = F.interpolate(low, scale_factor=s, mode='nearest')
        p = (k // 2) * s
        cols = F.unfold(
            F.pad(up, (p, p, p, p), mode='replicate'), k, dilation=s)
        cols = cols.view(batch, 2, k * k, size, size)
        ((cols * w.unsqueeze(1)).sum(2) * s).sum().backward()

    out = {}
    for name, fn in (('context-guided', ours), ('coarse kernels', ours_coarse),
                     ('coarse context', ours_cell),
                     ('bilinear+conv', bilinear_conv), ('naive unfold',
                                                        naive_unfold)):
        out[name] = (_best(fn, reps), live_peak_mb(fn))
    return out


def motion_throughput(size, clips, configs, frames=8):
    import cv2
    import decord
    import torch
    from mmengine.registry import DefaultScope

    import mmmotion  # noqa: F401
    from mmmotion.registry import MODELS
    from mmmotion.utils.optical_flow import compute_flow
    vr = decord.VideoReader(VIDEO)
    raw = vr.get_batch(list(range(frames))).asnumpy()
    raw = np.stack([cv2.resize(f, (size, size)) for f in raw])
    grey = [cv2.cvtColor(f, cv2.COLOR_RGB2GRAY) for f in raw]

    def build(config):
        from mmengine.config import Config
        return MODELS.build(Config.fromfile(config).model).eval()

    clip = torch.from_numpy(raw).permute(3, 0, 1, 2)[None].float() / 255
    clip = clip.expand(clips, -1, -1, -1, -1).contiguous()
    pairs = clips * (frames - 1)
    rates = {}
    # (timing only: no init_weights, whose log is long)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        for config in configs:
            name = osp.splitext(osp.basename(config))[0].split('_')[0]
            model = build(config)
            with torch.no_grad():
                rates[name] = pairs / _best(lambda: model(clip), 3)
    for method in ('dis', 'tvl1'):
        t0 = time.perf_counter()
        n = 0
        for _ in range(1 if method == 'tvl1' else clips):
            for a, b in zip(grey[:-1], grey[1:]):
                compute_flow(a, b, method)
                n += 1
        rates[method] = n / (time.perf_counter() - t0)
    return rates


def motion_parts(size, clips, config, frames=8, reps=3):
    """Forward milliseconds of each part of one coarse-to-fine model on
    ``clips`` random 8-frame clips (speed does not depend on the values)."""
    import torch
    from mmengine.config import Config
    from mmengine.registry import DefaultScope

    import mmmotion  # noqa: F401
    from mmmotion.registry import MODELS
    torch.manual_seed(0)
    cfg = Config.fromfile(config).model
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg).eval()
    n, t, h, w = clips, frames, size, size
    c = cfg.get('in_channels', 3)
    clip = torch.rand(n, c, t, h, w)
    dec = model.decoder
    reads = getattr(dec, 'reads_frames', False)
    parts = {}
    with torch.no_grad():
        feats = model.backbone(clip)

        def decode():
            if reads:
                return dec(feats, (t, h, w), frames=clip)
            return dec(feats, (t, h, w))

        low = decode()
        s = dec.out_stride
        low = low.transpose(1, 2).reshape(n * (t - 1), 2, h // s, w // s)
        prev = clip[:, :, :-1].transpose(1, 2).reshape(n * (t - 1), c, h, w)
        ctx = model.context(prev) if model.with_context else None
        parts['encoder'] = _best(lambda: model.backbone(clip), reps)
        parts['decoder'] = _best(decode, reps)
        if hasattr(dec, 'pyramid'):
            x = clip.transpose(1, 2).reshape(n * t, c, h, w)
            parts['  (its pyramid)'] = _best(lambda: dec.pyramid(x), reps)
        if ctx is not None:
            parts['upsampler context'] = _best(lambda: model.context(prev),
                                               reps)
        parts['upsampler'] = _best(lambda: model.upsample(low, ctx), reps)
        parts['whole model'] = _best(lambda: model(clip), reps)
    return parts, n * (t - 1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--sizes', type=int, nargs='+', default=[112, 224])
    p.add_argument('--reps', type=int, default=5)
    p.add_argument(
        '--clips', type=int, default=4, help='8-frame clips per model call')
    p.add_argument('--threads', type=int, default=1)
    p.add_argument(
        '--scale',
        type=int,
        default=4,
        help='upsampling factor of part 1 (a decoder\'s out_stride)')
    p.add_argument(
        '--configs',
        nargs='+',
        default=[osp.join(C2F, c) for c in DEFAULT_CONFIGS],
        help='coarse-to-fine configs whose models are timed in part 2')
    p.add_argument(
        '--parts',
        action='store_true',
        help='part 3: time each model\'s parts alone (forward)')
    args = p.parse_args()
    import cv2
    import torch
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(args.threads)
    print(f'torch {torch.__version__}, {args.threads} thread(s)')
    print(f'1. upsampler x{args.scale}, batch 4, forward + backward:')
    for size in args.sizes:
        res = upsampler_costs(size, args.reps, scale=args.scale)
        base_t, base_m = res['context-guided']
        bil_t = res['bilinear+conv'][0]
        for name, (t, m) in res.items():
            print(f'   {size}x{size} {name:>15}: {t * 1e3:8.2f} ms '
                  f'({t / base_t:5.2f}x ours, {t / bil_t:5.2f}x bilinear+conv'
                  f'), peak {m:7.1f} MB ({m / max(base_m, 1e-9):5.2f}x ours)')
    print('2. motion per frame pair (model: batches of 8-frame clips):')
    for size in args.sizes:
        rates = motion_throughput(size, args.clips, args.configs)
        for name, r in rates.items():
            print(f'   {size}x{size} {name:>26}: {r:9.1f} pairs/s '
                  f'(this / DIS = {r / rates["dis"]:6.2f}, this / TV-L1 = '
                  f'{r / rates["tvl1"]:6.2f})')
        if not args.parts:
            continue
        print(f'3. where the time goes ({size}x{size}, forward, '
              f'{args.clips} clips of 8 frames, each part alone):')
        for config in args.configs:
            name = osp.splitext(osp.basename(config))[0].split('_')[0]
            parts, pairs = motion_parts(size, args.clips, config)
            total = sum(v for k, v in parts.items()
                        if k != 'whole model' and not k.startswith(' '))
            print(f'   {name}:')
            for part, t in parts.items():
                share = '' if part == 'whole model' else \
                    f', {t / total * 100:5.1f}% of the parts'
                print(f'     {part:>18}: {t * 1e3:8.2f} ms, '
                      f'{pairs / t:8.1f} pairs/s alone '
                      f'({pairs / t / rates["dis"]:5.2f}x DIS){share}')


if __name__ == '__main__':
    main()
