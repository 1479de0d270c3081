"""Check the loss before the network: a coarse-to-fine motion model's own
training loss at zero motion, at DIS and Farneback flow, and at the model's
prediction, on the same clips.

    python tools/analysis/loss_at_motion.py CONFIG [--checkpoint CKPT] \
        [--split train|val] [--num-clips 50] [--out FILE] \
        [--cfg-options KEY=VALUE ...]

If the loss at DIS is not clearly below the loss at zero motion, the loss
cannot teach motion and no optimiser will help: change the loss. If it is,
and the model's loss sits near zero motion's, the problem is optimisation or
capacity. Without ``--checkpoint`` the model is the config's initialisation
(its decoder's last conv starts at zero: zero motion).

The clips are those of ``motion_statistics.py`` (the config's own dataset
and pipeline for the split, ``--num-clips`` samples evenly spread, random
transforms seeded per sample), put through the model's data preprocessor,
so the frames are exactly what training feeds the loss. Each flow is scored
by the model's ``decoder.loss(motion, frame_t, frame_t+1)``, term by term
(photometric, SSIM, smoothness, ... as the config sets them, with their
weights), and the terms' sum; the means are over clips. DIS (medium) and
Farneback run on the channel-mean grey ``uint8`` frames, as
``MotionWarpMetric`` computes them; they estimate flow, not the loss's
minimiser, so their loss is an achievable level, not a bound.

Prints one Markdown table and a verdict; ``--out`` writes them there and the
numbers as JSON beside it.
"""
import argparse
import os.path as osp
import sys
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.registry import DefaultScope
from mmengine.runner import load_checkpoint

import mmmotion  # noqa: F401
from mmmotion.registry import DATASETS, MODELS
from mmmotion.utils.checkpoint_keys import check_pretrained
from mmmotion.utils.optical_flow import compute_flow

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from motion_statistics import grey_uint8  # noqa: E402
from motion_statistics import iter_samples, write_report  # noqa: E402

FLOWS = ('zero', 'dis', 'farneback', 'model')
# the DIS loss must be at least this much below zero motion's (ours)
CLEAR_MARGIN = 0.05


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config')
    p.add_argument(
        '--checkpoint',
        help='weights of the model (default: the config\'s initialisation)')
    p.add_argument('--split', default='train', choices=('train', 'val'))
    p.add_argument('--num-clips', type=int, default=50)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', help='also write the table here (and JSON)')
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    return p.parse_args(argv)


def estimated_flows(prev: torch.Tensor,
                    nxt: torch.Tensor) -> Dict[str, torch.Tensor]:
    """DIS and Farneback flow of frame pairs, as ``backward_warp`` takes it.

    Args:
        prev (Tensor): ``(B, C, H, W)`` frames t on [0, 1].
        nxt (Tensor): ``(B, C, H, W)`` frames t+1.

    Returns:
        dict: ``dis``, ``farneback``: ``(B, 2, H, W)`` in pixels.
    """
    out = {}
    for method in ('dis', 'farneback'):
        flows = [
            compute_flow(grey_uint8(a), grey_uint8(b), method)
            for a, b in zip(prev, nxt)
        ]
        out[method] = torch.from_numpy(np.stack(flows)).permute(0, 3, 1, 2)
    return out


def clip_losses(model, clips: torch.Tensor) -> Dict[str, Dict[str, float]]:
    """The decoder's loss terms at every flow of :data:`FLOWS`.

    Args:
        model (CoarseToFineMotion): The model (eval mode).
        clips (Tensor): ``(N, C, T, H, W)`` preprocessed clips on [0, 1].

    Returns:
        dict: flow name -> {term: value, ``'total'``: the terms' sum}.
    """
    n, c, t, h, w = clips.shape
    prev = clips[:, :, :-1].transpose(1, 2).reshape(n * (t - 1), c, h, w)
    nxt = clips[:, :, 1:].transpose(1, 2).reshape(n * (t - 1), c, h, w)
    flows = dict(zero=torch.zeros(n * (t - 1), 2, h, w))
    flows.update(estimated_flows(prev, nxt))
    with torch.no_grad():
        flows['model'] = model.motion(clips).transpose(1, 2).reshape(
            n * (t - 1), 2, h, w)
        out = {}
        for name in FLOWS:
            terms = model.decoder.loss(flows[name].float(), prev, nxt)
            out[name] = {k: float(v) for k, v in terms.items()}
            out[name]['total'] = float(sum(terms.values()))
    return out


def build_model(cfg: Config, checkpoint: Optional[str]):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg.model)
    model.init_weights()
    if checkpoint:
        check_pretrained(model, checkpoint)
        load_checkpoint(model, checkpoint, map_location='cpu', strict=True)
    if not (hasattr(model, 'motion') and hasattr(model, 'decoder')
            and hasattr(model.decoder, 'loss')):
        raise TypeError(f'{type(model).__name__} is not a coarse-to-fine '
                        'motion model (it needs motion() and decoder.loss)')
    return model.eval()


def iter_clips(cfg: Config, model, split: str, num: int, seed: int):
    """Yield ``(n, C, T, H, W)`` preprocessed clips of ``num`` evenly spread
    samples of the split, each pipeline seeded by ``seed`` + its index, or
    ``None`` for a sample the dataset could not read (the caller counts it).
    """
    with DefaultScope.overwrite_default_scope('mmmotion'):
        dataset = DATASETS.build(cfg[f'{split}_dataloader']['dataset'])
        if hasattr(dataset, 'full_init'):
            dataset.full_init()
        for data in iter_samples(dataset, num, seed):
            if data is None:
                yield None
                continue
            batch = model.data_preprocessor(
                dict(
                    inputs=[data['inputs']],
                    data_samples=[data['data_samples']]), False)
            yield model._clips(batch['inputs'])


def measure(cfg: Config,
            checkpoint: Optional[str],
            split: str,
            num_clips: int,
            seed: int = 0) -> Dict:
    """The mean loss terms of every flow over the split's first samples.

    Returns:
        dict: ``losses`` (flow -> term -> mean), ``samples``, ``clips``,
        ``skipped``.
    """
    model = build_model(cfg, checkpoint)
    # one entry a sample (the mean over its clips' pairs)
    per_clip: List[Dict[str, Dict[str, float]]] = []
    skipped = clips_read = 0
    for clips in iter_clips(cfg, model, split, num_clips, seed):
        if clips is None:
            skipped += 1
            continue
        clips_read += clips.shape[0]
        per_clip.append(clip_losses(model, clips))
    if not per_clip:
        raise ValueError(f'no clip of the {split} split could be read')
    losses = {
        f: {
            k: float(np.mean([c[f][k] for c in per_clip]))
            for k in per_clip[0][f]
        }
        for f in FLOWS
    }
    return dict(
        losses=losses,
        samples=len(per_clip),
        clips=clips_read,
        skipped=skipped)


def verdict(losses: Dict[str, Dict[str, float]]) -> str:
    """Whether the loss can teach motion, and where the model stands."""
    z, d, m = (losses[k]['total'] for k in ('zero', 'dis', 'model'))
    if z <= 0 or d > (1 - CLEAR_MARGIN) * z:
        return (f'the loss at DIS ({d:.4f}) is not clearly below zero '
                f'motion ({z:.4f}): the loss cannot teach motion; change it')
    share = (z - m) / (z - d)
    return (f'the loss at DIS is {100 * (1 - d / z):.1f}% below zero motion: '
            f'the loss can teach motion; the model captures '
            f'{100 * share:.0f}% of the zero-to-DIS gap' +
            ('' if share > 0.5 else
             ' (optimisation or capacity is what holds it back)'))


def format_table(losses: Dict[str, Dict[str, float]],
                 labels: Sequence[str] = FLOWS) -> str:
    terms = list(losses[labels[0]])
    head = '| motion | ' + ' | '.join(terms) + ' |'
    rule = '| --- |' + ' :-: |' * len(terms)
    rows = [
        f'| {f} | ' + ' | '.join(f'{losses[f][k]:.4f}' for k in terms) + ' |'
        for f in labels
    ]
    return '\n'.join([head, rule] + rows)


def main(argv=None) -> Dict:
    args = parse_args(argv)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    r = measure(cfg, args.checkpoint, args.split, args.num_clips, args.seed)
    r.update(
        config=osp.splitext(osp.basename(args.config))[0],
        checkpoint=args.checkpoint,
        split=args.split,
        verdict=verdict(r['losses']))
    text = (f'{r["config"]}, {args.split} split, {r["clips"]} clips, model: '
            f'{args.checkpoint or "initialisation"}\n\n' +
            format_table(r['losses']) + '\n\n' + r['verdict'] + '\n')
    if r['skipped']:
        text += f'({r["skipped"]} sample(s) skipped as invalid)\n'
    print(text, end='')
    if args.out:
        write_report(args.out, 'loss_at_motion.py', argv, text, r)
    return r


if __name__ == '__main__':
    main()
