"""How predictable are an atomic-flow config's targets from its input pair?
(issue 17: check the targets before the network.)

    python tools/analysis/atomic_flow_predictability.py CONFIG \
        [--split val] [--max-videos N] [--repeats R] [--seed S] \
        [--cfg-options K=V ...]

On the clips the config's pipeline samples (the test pipeline by default),
the EPE of each target step of three predictions that need no training,
beside the quantisation floor of the config's codebook:

- zero motion;
- constant velocity: the input pair's own patch flow (x_0 -> x_1, computed
  as the targets are) repeated for every step, the prediction a model that
  only measured the input motion would make;
- damped velocity: ``beta`` times it, ``beta`` the least-squares factor of
  each step fitted on the very clips evaluated (so an optimistic row: the
  best any linear extrapolation of the input motion can do);
- the best of zero and constant velocity per patch and step, an optimistic
  bound on what choosing between them could give.

Then, per component (``dx, dy`` and, for 3D targets, ``dz``): the targets'
mean size, the EPE of zero motion and the fitted ``beta``. A ``beta`` near 0
says that component of the next motion is not predictable from the input
motion; if it dominates the targets, neither is their EPE.
"""
import argparse
import copy
import random

import numpy as np
from mmengine.config import Config, DictAction
from mmengine.registry import DefaultScope

from mmmotion.datasets.transforms.flow_targets import pair_patch_flow
from mmmotion.registry import DATASETS, MODELS
from mmmotion.utils import register_all_modules

TARGETS = ('AtomicFlowTargets', 'mmmotion.AtomicFlowTargets')


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config')
    p.add_argument('--split', default='val', choices=['train', 'val'])
    p.add_argument('--max-videos', type=int, default=0)
    p.add_argument(
        '--seed',
        type=int,
        default=0,
        help='of the random clip sampling of the train pipeline')
    p.add_argument(
        '--repeats',
        type=int,
        default=1,
        help='clips a video (a random pipeline samples a new one each time)')
    p.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='key=value overrides, as tools/train.py')
    return p.parse_args(argv)


def clips(cfg, split):
    """The dataset with the pipeline cut before ``AtomicFlowTargets``, and
    that transform's settings."""
    ds = copy.deepcopy(cfg[f'{split}_dataloader']['dataset'])
    pipe = list(ds['pipeline'])
    i = [k for k, t in enumerate(pipe) if t['type'] in TARGETS]
    if len(i) != 1:
        raise ValueError(f'{cfg.filename}: no single AtomicFlowTargets')
    targets = dict(pipe[i[0]])
    ds['pipeline'] = pipe[:i[0]]
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return DATASETS.build(ds), targets


def main(argv=None):
    args = parse_args(argv)
    register_all_modules()
    np.random.seed(args.seed)
    random.seed(args.seed)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    dataset, t = clips(cfg, args.split)
    n = int(t.pop('num_steps'))
    t.pop('type')
    t.pop('cache_dir', None)
    with DefaultScope.overwrite_default_scope('mmmotion'):
        codebook = MODELS.build(cfg.model.head.codebook)
    codewords = codebook.codewords.detach().numpy()
    pairs = []  # (target steps, input velocity) per clip
    idx = np.arange(len(dataset))
    if args.max_videos and args.max_videos < len(idx):  # evenly spread
        idx = idx[np.linspace(0,
                              len(idx) - 1,
                              args.max_videos).round().astype(int)]
    idx = np.tile(idx, args.repeats)
    count = len(idx)
    for i in idx:
        imgs = dataset[int(i)]['imgs'][:n + 2]
        flows = np.stack(
            [pair_patch_flow(imgs[k], imgs[k + 1], **t) for k in range(n + 1)])
        dim = flows.shape[-1]
        pairs.append((flows[1:].reshape(n, -1, dim), flows[0].reshape(-1,
                                                                      dim)))
    target = np.concatenate([p[0] for p in pairs], 1)  # (n, cells, dim)
    velocity = np.concatenate([p[1] for p in pairs])[None]  # (1, cells, dim)
    # one least-squares factor a step: (n, 1, 1)
    beta = ((target * velocity).sum(
        (1, 2)) / (velocity * velocity).sum())[:, None, None]
    zero = np.linalg.norm(target, axis=-1)
    const = np.linalg.norm(target - velocity, axis=-1)
    floor = np.min([np.linalg.norm(target - c, axis=-1) for c in codewords],
                   axis=0)
    rows = [('zero motion', zero),
            ('constant velocity (the input pair\'s flow)', const),
            ('damped velocity (x beta, fitted here)',
             np.linalg.norm(target - beta * velocity, axis=-1)),
            ('per-patch best of zero and constant velocity',
             np.minimum(zero, const)), ('floor (nearest codeword)', floor)]
    print(f'{args.config}, {args.split} split, {count} clips, {n} steps, '
          f'{target.shape[1] // count} patches a clip, target settings {t}')
    head = ''.join(f'  step{s + 1:<2}' for s in range(n))
    print(f'{"EPE":<46}  mean  {head}')
    for name, e in rows:
        v = e.mean(1)
        print(f'{name:<46}  {v.mean():.4f}' + ''.join(f'  {x:.4f}' for x in v))
    names = ['dx, dy', 'dz'][:2 if target.shape[-1] == 3 else 1]
    print(f'{"beta of the damped velocity":<46}        ' +
          ''.join(f'  {x:.4f}' for x in beta.ravel()))
    print('per component: the EPE of zero motion on it alone (its mean '
          'size), then beta fitted on it alone')
    for name, sl in zip(names, (slice(0, 2), slice(2, 3))):
        tc, vc = target[..., sl], velocity[..., sl]
        size = np.linalg.norm(tc, axis=-1).mean(1)
        b = (tc * vc).sum((1, 2)) / (vc * vc).sum()
        print(f'{"  " + name + ": zero motion":<46}  {size.mean():.4f}' +
              ''.join(f'  {x:.4f}' for x in size))
        print(f'{"  " + name + ": beta":<46}        ' + ''.join(f'  {x:.4f}'
                                                                for x in b))


if __name__ == '__main__':
    main()
