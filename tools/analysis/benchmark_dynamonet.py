"""DynamoNet's cost, measured in one run (ratios; this machine is noisy).

    python tools/analysis/benchmark_dynamonet.py [--frames 8 16] [--size 112]

1. Training step (forward, backward, SGD) time and peak memory of DynamoNet
   against MMAction2's plain ``Recognizer3D`` with the same backbone and the
   same input frames (DynamoNet gets the one extra future frame it needs).
   Targets: at most 1.10x the time and 1.15x the memory. Each model runs in a
   fresh subprocess; memory is the growth of the process's peak resident set
   over its size just before the first step (CPU; on CUDA the allocator's peak).
2. The dynamic-filter application (one grouped convolution) against a
   straightforward per-sample, per-frame loop: same output, target >= 10x.
"""
import argparse
import json
import os
import os.path as osp
import resource
import subprocess
import sys
import time

sys.path.insert(0, osp.join(osp.dirname(__file__), '..', '..'))


def _rss_kb() -> int:
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') // 1024


def model_cfg(kind: str, frames: int, size: int) -> dict:
    backbone = dict(
        type='ResNeXt3D', depth=18, in_channels=3, stem_channels=16,
        base_width=16, cardinality=8, conv1_kernel=(3, 7, 7),
        conv1_stride=(1, 2, 2), pool1_stride=(1, 2, 2),
        stage_strides=((1, 1, 1), (1, 2, 2), (2, 2, 2), (2, 2, 2)))
    pre = dict(type='ActionDataPreprocessor', format_shape='NCTHW')
    if kind == 'recognizer3d':
        return dict(
            type='Recognizer3D', backbone=backbone, data_preprocessor=pre,
            cls_head=dict(type='I3DHead', num_classes=20, in_channels=256,
                          average_clips='prob'))
    return dict(
        type='DynamoNet', backbone=backbone, data_preprocessor=pre,
        fp_head=dict(type='FramePredictionHead', in_channels=256,
                     num_frames=frames, filter_size=5),
        cls_head=dict(type='DynamoHead', num_classes=20, in_channels=256,
                      num_frames=frames, filter_size=5))


def run_one(kind: str, frames: int, size: int, batch: int, steps: int,
            warmup: int) -> dict:
    """Measure one model in this process (called in a fresh subprocess)."""
    import torch
    from mmaction.structures import ActionDataSample
    from mmengine.optim import OptimWrapper
    from mmengine.registry import DefaultScope

    import mmmotion  # noqa: F401
    from mmmotion.registry import MODELS
    torch.manual_seed(0)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(model_cfg(kind, frames, size))
    model.init_weights()
    model.train()
    cuda = torch.cuda.is_available()
    if cuda:
        model.cuda()
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.01,
                                         momentum=0.9))
    t_in = frames + 1 if kind == 'dynamonet' else frames
    samples = []
    for i in range(batch):
        s = ActionDataSample()
        s.set_gt_label(torch.tensor(i % 20))
        samples.append(s)
    data = dict(
        inputs=[torch.rand(1, 3, t_in, size, size) * 255
                for _ in range(batch)],
        data_samples=samples)
    for _ in range(warmup):
        model.train_step(data, optim)
    if cuda:
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    base = _rss_kb()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        model.train_step(data, optim)
        if cuda:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
    if cuda:
        peak_mb = torch.cuda.max_memory_allocated() / 2**20
    else:
        peak_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss -
                   base) / 1024
    times.sort()
    return dict(kind=kind, frames=frames, step_s=times[len(times) // 2],
                peak_mb=peak_mb)


def filter_speed(batch=8, channels=3, frames=16, size=112, s=5, reps=5):
    import torch

    from mmmotion.models.layers.dynamic_filter import (
        apply_dynamic_filters, apply_dynamic_filters_loop)
    torch.manual_seed(0)
    x = torch.rand(batch, channels, frames, size, size)
    f = torch.rand(batch, frames, s, s).softmax(-1)

    def best(fn):
        out, ts = None, []
        for _ in range(reps):
            t0 = time.perf_counter()
            out = fn(x, f)
            ts.append(time.perf_counter() - t0)
        return out, min(ts)

    fast, t_fast = best(apply_dynamic_filters)
    slow, t_slow = best(apply_dynamic_filters_loop)
    return dict(shape=list(x.shape), filter=s, vectorised_s=t_fast,
                loop_s=t_slow, speedup=t_slow / t_fast,
                max_abs_diff=float((fast - slow).abs().max()))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--frames', type=int, nargs='+', default=[8, 16])
    p.add_argument('--size', type=int, default=112)
    p.add_argument('--batch', type=int, default=4)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--out', help='also write the results as JSON here')
    p.add_argument('--_one', nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args._one:
        kind, frames = args._one[0], int(args._one[1])
        print(json.dumps(run_one(kind, frames, args.size, args.batch,
                                 args.steps, args.warmup)))
        return
    import torch
    print(f'torch {torch.__version__}, threads {torch.get_num_threads()}, '
          f'device {"cuda" if torch.cuda.is_available() else "cpu"}, '
          f'batch {args.batch}, {args.size}x{args.size}, ResNeXt3D-18 tiny')
    rows = []
    for frames in args.frames:
        res = {}
        for kind in ('recognizer3d', 'dynamonet'):
            cmd = [sys.executable, __file__, '--_one', kind, str(frames),
                   '--size', str(args.size), '--batch', str(args.batch),
                   '--steps', str(args.steps), '--warmup', str(args.warmup)]
            out = subprocess.run(cmd, capture_output=True, text=True,
                                 check=True).stdout
            res[kind] = json.loads(out.strip().splitlines()[-1])
        r, d = res['recognizer3d'], res['dynamonet']
        rows.append(dict(frames=frames, recognizer3d=r, dynamonet=d,
                         time_ratio=d['step_s'] / r['step_s'],
                         mem_ratio=d['peak_mb'] / max(r['peak_mb'], 1e-6)))
    print(f'{"T":>3} {"R3D step s":>11} {"Dynamo step s":>14} {"ratio":>6} '
          f'{"target":>7} | {"R3D MB":>8} {"Dynamo MB":>10} {"ratio":>6} '
          f'{"target":>7}')
    for row in rows:
        r, d = row['recognizer3d'], row['dynamonet']
        print(f'{row["frames"]:>3} {r["step_s"]:>11.3f} {d["step_s"]:>14.3f} '
              f'{row["time_ratio"]:>6.3f} {"<=1.10":>7} | {r["peak_mb"]:>8.1f} '
              f'{d["peak_mb"]:>10.1f} {row["mem_ratio"]:>6.3f} {"<=1.15":>7}')
    fs = filter_speed()
    print(f'dynamic filters {fs["shape"]} s={fs["filter"]}: vectorised '
          f'{fs["vectorised_s"] * 1e3:.1f} ms, loop {fs["loop_s"] * 1e3:.1f} '
          f'ms, speed-up {fs["speedup"]:.1f}x (target >= 10x), max |diff| '
          f'{fs["max_abs_diff"]:.2e}')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(dict(train_step=rows, dynamic_filters=fs), f, indent=2)


if __name__ == '__main__':
    main()
