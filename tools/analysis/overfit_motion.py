"""Optimisation or capacity? Train a coarse-to-fine motion model on a few
fixed clips and watch whether it leaves zero motion.

    python tools/analysis/overfit_motion.py CONFIG [--num-clips 8] \
        [--steps 300] [--batch-size 4] [--lr 1e-3] [--log-interval 25] \
        [--split train] [--out FILE] [--cfg-options KEY=VALUE ...]

The second half of "check the loss before the network"
(``loss_at_motion.py`` shows whether the loss at DIS is below the loss at
zero motion). The clips are ``loss_at_motion.py``'s (the config's dataset
and pipeline, ``--num-clips`` samples evenly spread, random transforms
seeded per sample, through the model's data preprocessor), read once and
kept in memory; the model is the config's, freshly initialised, trained by
Adam at ``--lr`` (no schedule, the config's gradient clipping) on random
batches of them. Every ``--log-interval`` steps it prints the training loss,
the mean magnitude of the predicted motion (pixels) beside DIS's, and the
loss of the model's motion on all the clips beside the loss at zero motion
and at DIS.

If the model cannot fit a handful of clips it has seen hundreds of times,
the schedule, learning rate or architecture holds it back, not the data;
if it fits them and still predicts zero motion on held-out clips, it is the
data or the schedule's length. Prints one Markdown table; ``--out`` writes
it there and the numbers as JSON beside it.
"""
import argparse
import os.path as osp
import sys
import time
from typing import Dict, List

import numpy as np
import torch
from mmengine.config import Config, DictAction

import mmmotion  # noqa: F401

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from loss_at_motion import iter_clips  # noqa: E402
from loss_at_motion import build_model, estimated_flows  # noqa: E402
from motion_statistics import write_report  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config')
    p.add_argument('--split', default='train', choices=('train', 'val'))
    p.add_argument('--num-clips', type=int, default=8)
    p.add_argument('--steps', type=int, default=300)
    p.add_argument('--batch-size', type=int, default=4)
    p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--log-interval', type=int, default=25)
    p.add_argument(
        '--target',
        default='self',
        choices=('self', 'dis'),
        help="'self': the config's own self-supervised loss; 'dis': an L1 "
        'regression to DIS flow, a capacity check (can the model compute '
        'the motion at all when told it?), never a training recipe')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', help='also write the table here (and JSON)')
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    return p.parse_args(argv)


def read_clips(cfg: Config, model, split: str, num: int,
               seed: int) -> torch.Tensor:
    """``(N, C, T, H, W)`` preprocessed clips of the split, on [0, 1]; a
    sample the dataset cannot read is counted and reported, not used."""
    out, skipped = [], 0
    for clips in iter_clips(cfg, model, split, num, seed):
        if clips is None:
            skipped += 1
        else:
            out.append(clips)
    if skipped:
        print(f'skipped {skipped} unreadable {split} samples')
    if not out:
        raise ValueError(f'no clip of the {split} split could be read')
    return torch.cat(out)


def pairs(clips: torch.Tensor):
    n, c, t, h, w = clips.shape
    prev = clips[:, :, :-1].transpose(1, 2).reshape(n * (t - 1), c, h, w)
    nxt = clips[:, :, 1:].transpose(1, 2).reshape(n * (t - 1), c, h, w)
    return prev, nxt


def total_loss(model, flow, prev, nxt) -> float:
    with torch.no_grad():
        return float(sum(model.decoder.loss(flow, prev, nxt).values()))


def evaluate(model, clips, prev, nxt, dis) -> Dict[str, float]:
    model.eval()
    with torch.no_grad():
        flow = model.motion(clips).transpose(1, 2).reshape(
            prev.shape[0], 2, *prev.shape[2:])
    model.train()
    return dict(
        loss_model=total_loss(model, flow, prev, nxt),
        magnitude_model=float(flow.norm(dim=1).mean()),
        epe_to_dis=float((flow - dis).norm(dim=1).mean()))


def main(argv=None) -> Dict:
    args = parse_args(argv)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    torch.manual_seed(args.seed)
    model = build_model(cfg, None)
    clips = read_clips(cfg, model, args.split, args.num_clips, args.seed)
    prev, nxt = pairs(clips)
    dis = estimated_flows(prev, nxt)['dis'].float()
    ref = dict(
        loss_zero=total_loss(model, torch.zeros_like(dis), prev, nxt),
        loss_dis=total_loss(model, dis, prev, nxt),
        magnitude_dis=float(dis.norm(dim=1).mean()))
    clip = cfg.get('optim_wrapper', {}).get('clip_grad') or {}
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    gen = torch.Generator().manual_seed(args.seed)
    rows: List[Dict[str, float]] = []
    model.train()
    t0 = time.time()
    running = []
    for step in range(1, args.steps + 1):
        idx = torch.randperm(len(clips), generator=gen)[:args.batch_size]
        if args.target == 'dis':
            n, t = len(idx), clips.shape[2] - 1
            pred = model.motion(clips[idx]).transpose(1, 2).reshape(
                n * t, 2, *clips.shape[-2:])
            target = dis.view(len(clips), t, 2,
                              *clips.shape[-2:])[idx].flatten(0, 1)
            loss = (pred - target).abs().mean()
        else:
            loss = sum(model.loss(clips[idx]).values())
        opt.zero_grad()
        loss.backward()
        if clip.get('max_norm'):
            torch.nn.utils.clip_grad_norm_(model.parameters(),
                                           clip['max_norm'])
        opt.step()
        running.append(float(loss))
        if step % args.log_interval == 0 or step == args.steps:
            row = dict(
                step=step,
                train_loss=float(np.mean(running)),
                seconds=time.time() - t0)
            running = []
            row.update(evaluate(model, clips, prev, nxt, dis))
            rows.append(row)
            print(
                f'step {step}: train {row["train_loss"]:.4f}, model '
                f'{row["loss_model"]:.4f} (zero {ref["loss_zero"]:.4f}, DIS '
                f'{ref["loss_dis"]:.4f}), |motion| '
                f'{row["magnitude_model"]:.3f} px (DIS '
                f'{ref["magnitude_dis"]:.3f}), end-point distance to DIS '
                f'{row["epe_to_dis"]:.3f} (zero: {ref["magnitude_dis"]:.3f}), '
                f'{row["seconds"]:.0f} s',
                flush=True)
    name = osp.splitext(osp.basename(args.config))[0]
    goal = ('an L1 regression to DIS flow (capacity check)'
            if args.target == 'dis' else 'its own loss')
    text = (f'{name}: {len(clips)} {args.split} clips, batch '
            f'{args.batch_size}, Adam lr {args.lr}, trained on {goal}; the '
            'table scores the self-supervised loss\n\n'
            f'| step | train loss | loss of the motion on the clips | '
            f'mean motion (px) | distance to DIS (px) |\n'
            f'| --- | :-: | :-: | :-: | :-: |\n'
            f'| zero motion | | {ref["loss_zero"]:.4f} | 0 | '
            f'{ref["magnitude_dis"]:.3f} |\n'
            f'| DIS | | {ref["loss_dis"]:.4f} | '
            f'{ref["magnitude_dis"]:.3f} | 0 |\n' +
            ''.join(f'| {r["step"]} | {r["train_loss"]:.4f} | '
                    f'{r["loss_model"]:.4f} | {r["magnitude_model"]:.3f} | '
                    f'{r["epe_to_dis"]:.3f} |\n' for r in rows))
    gap = ref['loss_zero'] - ref['loss_dis']
    share = (ref['loss_zero'] - rows[-1]['loss_model']) / gap if gap else 0
    text += (f'\nafter {args.steps} steps the model closes '
             f'{100 * share:.0f}% of the zero-to-DIS loss gap on the clips '
             'it trains on\n')
    print(text, end='')
    result = dict(config=name, reference=ref, rows=rows, gap_closed=share)
    if args.out:
        write_report(args.out, 'overfit_motion.py', argv, text, result)
    return result


if __name__ == '__main__':
    main()
