"""Atomic-flow (Luo et al.) costs, measured in one run (ratios; this machine is
noisy).

    python tools/analysis/cost_atomic_flow.py [CONFIG] [--clips 40]

1. Flow-target throughput of one data worker (1 thread), clips per second,
   on real MSR Action3D videos through the config's pipeline up to
   ``AtomicFlowTargets``: 2D flow by DIS (medium), Farneback and TV-L1, and
   targets read from a cache made by the precompute tool.
2. Training step time and peak live tensor memory
   (``live_peak_mb`` of ``tools/analysis/peak_memory.py``) of the config's
   model at N = 3 and N = 8 prediction steps.
3. With cached targets and 2 workers, the data loader's throughput (batches
   per second, the full training pipeline) against the training step's:
   above 1, the loader keeps up. Loader and steps are measured one after the
   other (on 2 cores, running both at once would measure the sharing).
"""
import argparse
import importlib.util
import os.path as osp
import tempfile
import time

import numpy as np

CONFIG = ((
    'configs/atomic_flow/atomic-flow_convlstm-tiny_10x1x1-40e_msr-action3d-'
    'depth-64x48px.py'))


def _load_helper(*rel_path):
    """A helper module of ``tools/`` by its path relative to this script's
    folder (``tools/`` is no package, so it cannot be imported by name)."""
    path = osp.join(osp.dirname(osp.abspath(__file__)), *rel_path)
    name = osp.splitext(osp.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _set_targets(pipeline, **kw):
    return [
        dict(t, **kw) if t['type'] == 'AtomicFlowTargets' else t
        for t in pipeline
    ]


def target_throughput(cfg, infos, method, cache=None):
    """Clips per second of the pipeline prefix ending in the targets."""
    from mmcv.transforms import Compose
    from mmengine.registry import DefaultScope
    pipe = cfg.train_dataloader.dataset.pipeline
    upto = [t['type'] for t in pipe].index('AtomicFlowTargets') + 1
    pipe = _set_targets(pipe[:upto], method=method, cache_dir=cache)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        compose = Compose(pipe)
    np.random.seed(0)
    t0 = time.perf_counter()
    for info in infos:
        compose(dict(info))
    return len(infos) / (time.perf_counter() - t0)


def step_cost(cfg, steps, batch, reps):
    import torch
    from mmaction.structures import ActionDataSample
    from mmengine.optim import OptimWrapper
    from mmengine.registry import DefaultScope
    from peak_memory import live_peak_mb  # beside this script

    from mmmotion.registry import MODELS
    torch.manual_seed(0)
    mcfg = cfg.model.copy()
    mcfg['head'] = dict(mcfg['head'], num_steps=steps)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(mcfg)
    model.train()
    w, h = cfg.frame_size
    patch = cfg.patch
    optim = OptimWrapper(torch.optim.Adam(model.parameters(), lr=1e-3))
    samples = []
    for _ in range(batch):
        s = ActionDataSample()
        s.set_field(
            np.random.randn(steps, h // patch, w // patch, 3).astype(
                np.float32) * 0.2, 'flow_targets')
        samples.append(s)
    data = dict(
        inputs=[torch.rand(1, 1, 2, h, w) for _ in range(batch)],
        data_samples=samples)
    for _ in range(2):
        model.train_step(data, optim)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        model.train_step(data, optim)
        times.append(time.perf_counter() - t0)
    times.sort()
    mem = live_peak_mb(lambda: model.train_step(data, optim))
    return times[len(times) // 2], mem


def loader_throughput(cfg, cache, batches, workers):
    from mmengine.registry import DefaultScope
    from mmengine.runner import Runner
    loader_cfg = cfg.train_dataloader.copy()
    ds = dict(loader_cfg['dataset'])
    ds['pipeline'] = _set_targets(ds['pipeline'], cache_dir=cache)
    loader_cfg.update(
        dataset=ds, num_workers=workers, persistent_workers=False)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        loader = Runner.build_dataloader(loader_cfg, seed=0)
    it = iter(loader)
    next(it)  # workers started, first batch in
    t0 = time.perf_counter()
    n = 0
    for _ in range(batches):
        try:
            next(it)
        except StopIteration:
            it = iter(loader)
            next(it)
        n += 1
    return n / (time.perf_counter() - t0)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config', nargs='?', default=CONFIG)
    p.add_argument(
        '--clips',
        type=int,
        default=40,
        help='videos for the target throughput')
    p.add_argument(
        '--tvl1-clips', type=int, default=5, help='videos for TV-L1 (slow)')
    p.add_argument('--reps', type=int, default=10, help='timed steps')
    p.add_argument(
        '--batches',
        type=int,
        default=40,
        help='batches timed from the loader')
    args = p.parse_args()

    import cv2
    import torch
    from mmengine.config import Config
    from mmengine.registry import DefaultScope

    import mmmotion  # noqa: F401
    from mmmotion.datasets.transforms.flow_targets import cache_file
    from mmmotion.registry import DATASETS
    from mmmotion.utils.atomic_io import atomic_path
    AllPairTargets = _load_helper('..', 'data',
                                  'flow_target_pipeline.py').AllPairTargets
    cfg = Config.fromfile(args.config)
    cv2.setNumThreads(1)
    torch.set_num_threads(1)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        dataset = DATASETS.build(cfg.train_dataloader.dataset)
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    sample = infos[:args.clips]
    n_steps = [
        t for t in cfg.train_dataloader.dataset.pipeline
        if t['type'] == 'AtomicFlowTargets'
    ][0]['num_steps']
    print(f'torch {torch.__version__}, {osp.basename(args.config)}, '
          f'{cfg.frame_size[0]}x{cfg.frame_size[1]}, N = {n_steps}')
    with tempfile.TemporaryDirectory() as cache:
        compute = AllPairTargets(cfg.train_dataloader.dataset.pipeline)
        for info in infos:  # the whole training set, for the loader
            with atomic_path(cache_file(cache, info['filename'])) as tmp, \
                    open(tmp, 'wb') as f:
                np.save(f, compute(info))
        print('1. flow targets, one worker (1 thread), clips/s:')
        rows = [('dis', sample), ('farneback', sample),
                ('tvl1', infos[:args.tvl1_clips]), ('cached', sample)]
        for method, infos_ in rows:
            rate = target_throughput(cfg, infos_,
                                     'dis' if method == 'cached' else method,
                                     cache if method == 'cached' else None)
            print(f'   {method:>10}: {rate:8.1f} clips/s '
                  f'({len(infos_)} clips)')
        torch.set_num_threads(2)
        print('2. training step (batch '
              f'{cfg.train_dataloader.batch_size}, 2 threads):')
        step_s = {}
        for n in (3, 8):
            s, mem = step_cost(cfg, n, cfg.train_dataloader.batch_size,
                               args.reps)
            step_s[n] = s
            print(f'   N = {n}: {s * 1e3:7.1f} ms/step, peak live tensor '
                  f'memory {mem:6.1f} MB')
        print(f'   N = 8 / N = 3: time {step_s[8] / step_s[3]:.2f}x')
        torch.set_num_threads(1)
        rate = loader_throughput(cfg, cache, args.batches, 2)
        n = n_steps if n_steps in step_s else 8
        print(f'3. loader, cached targets, 2 workers: {rate:.1f} batches/s; '
              f'training steps (N = {n}): {1 / step_s[n]:.1f} batches/s; '
              f'loader / step = {rate * step_s[n]:.2f} (>= 1: it keeps up)')


if __name__ == '__main__':
    main()
