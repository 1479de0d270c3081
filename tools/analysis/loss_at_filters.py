"""Check the loss before the network, for DynamoNet: the frame-prediction
loss and the PSNR / SSIM of copying the last frame (the identity filter),
of the best filters of the model's own form fitted to the true frames (the
oracle: global, the paper's, and local, ours) and of the model's filters,
on the same clips (issue 16).

    python tools/analysis/loss_at_filters.py CONFIG [--checkpoint CKPT] \
        [--split train|val] [--num-clips 20] [--steps 300] \
        [--modes global local] [--out FILE] [--cfg-options KEY=VALUE ...]

If the loss at the oracle is not clearly below the loss at the identity,
the loss cannot teach motion whatever the network: change the data (the
motion budget) or the loss. If it is, the model's share of the identity-to-
oracle gap says how much of the achievable gain it captures. Scores are
given for frames 2..T (reconstructions of frames the backbone has seen)
and for frame T+1 (the one true future frame) apart. The oracle filters are
fitted to the mean squared error (``fit_oracle_filters``), so the oracle
bounds PSNR; its Huber loss is an achievable level, not a bound.

The clips are those of ``motion_statistics.py`` (the config's own dataset
and pipeline, ``--num-clips`` samples evenly spread, seeded), through the
model's data preprocessor. Without ``--checkpoint`` the model is the
config's initialisation (near-uniform filters: a blur).
"""
import argparse
import os.path as osp
import sys
from typing import Dict, Optional

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.registry import DefaultScope
from mmengine.runner import load_checkpoint

import mmmotion  # noqa: F401
from mmmotion.models.layers import apply_dynamic_filters, psnr, ssim
from mmmotion.models.layers.oracle_filters import fit_oracle_filters
from mmmotion.registry import DATASETS, MODELS
from mmmotion.utils.checkpoint_keys import check_pretrained

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from motion_statistics import iter_samples, write_report  # noqa: E402

# the oracle's loss must be at least this much below the identity's (ours)
CLEAR_MARGIN = 0.05


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config')
    p.add_argument('--checkpoint')
    p.add_argument('--split', default='val', choices=('train', 'val'))
    p.add_argument('--num-clips', type=int, default=20)
    p.add_argument('--steps', type=int, default=300)
    p.add_argument(
        '--modes',
        nargs='+',
        default=['global', 'local'],
        choices=('global', 'local'))
    p.add_argument(
        '--fit',
        nargs='+',
        default=['mse', 'loss'],
        choices=('mse', 'loss'),
        help='what the oracle filters are fitted to: the mean squared '
        'error (a PSNR bound) and / or the model\'s FP loss (a loss '
        'bound, the check\'s measure)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', help='also write the table here (and JSON)')
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    return p.parse_args(argv)


def build_model(cfg: Config, checkpoint: Optional[str]):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg.model)
    model.init_weights()
    if checkpoint:
        check_pretrained(model, checkpoint)
        load_checkpoint(model, checkpoint, map_location='cpu', strict=True)
    if not hasattr(model, 'predict_frames'):
        raise TypeError(f'{type(model).__name__} is not a DynamoNet model '
                        '(it needs predict_frames)')
    return model.eval()


def scores(pred: torch.Tensor, target: torch.Tensor, loss_fp) -> Dict:
    """FP loss, and PSNR / SSIM of frames 2..T and of frame T+1, of
    ``(N, C, T, H, W)`` predictions."""
    out = dict(loss_fp=float(loss_fp(pred, target)))
    p = pred.clamp(0, 1).transpose(1, 2).flatten(0, 1).double()
    q = target.transpose(1, 2).flatten(0, 1).double()
    t = pred.shape[2]
    ps = psnr(p, q, data_range=1.0, reduction='none').view(-1, t)
    ss = ssim(p, q, data_range=1.0, reduction='none').view(-1, t)
    if t < 2:
        raise ValueError('the loss check needs clips of T >= 2 input frames '
                         '(frames 2..T apart from frame T+1)')
    out.update(
        psnr_seen=float(ps[:, :-1].mean()),
        ssim_seen=float(ss[:, :-1].mean()),
        psnr_future=float(ps[:, -1].mean()),
        ssim_future=float(ss[:, -1].mean()))
    return out


def clip_scores(model, inputs: torch.Tensor, modes, steps: int,
                fits=('mse', )) -> Dict:
    """Every predictor's scores on one preprocessed batch of clips."""
    with torch.no_grad():
        out = model.predict_frames(inputs)
    frames, target = out['frames'].float(), out['target'].float()
    head = model.fp_head
    s = head.filter_size
    preds = dict(identity=frames, model=out['pred'])
    for mode in modes:
        for fit in fits:
            f = fit_oracle_filters(
                frames,
                target,
                filter_size=s,
                mode=mode,
                steps=steps,
                padding_mode=model.padding_mode,
                criterion=head.loss_fp if fit == 'loss' else None)
            name = f'oracle {mode}' + (' (loss-fitted)'
                                       if fit == 'loss' else '')
            preds[name] = apply_dynamic_filters(frames, f, model.padding_mode)
    with torch.no_grad():
        return {k: scores(v, target, head.loss_fp) for k, v in preds.items()}


def measure(cfg,
            checkpoint,
            split,
            num_clips,
            modes,
            steps,
            seed=0,
            fits=('mse', )):
    model = build_model(cfg, checkpoint)
    rows, skipped = [], 0
    with DefaultScope.overwrite_default_scope('mmmotion'):
        dataset = DATASETS.build(cfg[f'{split}_dataloader']['dataset'])
        if hasattr(dataset, 'full_init'):
            dataset.full_init()
        for data in iter_samples(dataset, num_clips, seed):
            if data is None:
                skipped += 1
                continue
            batch = model.data_preprocessor(
                dict(
                    inputs=[data['inputs']],
                    data_samples=[data['data_samples']]), False)
            x, _ = model._split(batch['inputs'])
            rows.append(clip_scores(model, x, modes, steps, fits))
    if not rows:
        raise ValueError(f'no clip of the {split} split could be read')
    keys = list(rows[0])
    means = {
        k: {
            m: float(np.mean([r[k][m] for r in rows]))
            for m in rows[0][k]
        }
        for k in keys
    }
    return dict(scores=means, samples=len(rows), skipped=skipped)


def verdict(s: Dict) -> str:
    """Per filter form: is the loss at the oracle (the loss-fitted one
    where there is one) clearly below the identity's, and how much of the
    oracle's PSNR gain (the MSE-fitted one) the model captures."""
    ident = s['identity']
    lines = []
    modes = [k.split()[1] for k in s if k.startswith('oracle')]
    for mode in dict.fromkeys(modes):
        name = f'oracle {mode} (loss-fitted)'
        o = s.get(name) or s[f'oracle {mode}']
        if ident['loss_fp'] <= 0 or \
                o['loss_fp'] > (1 - CLEAR_MARGIN) * ident['loss_fp']:
            lines.append(f'{mode} filters: the loss at the oracle '
                         f'({o["loss_fp"]:.5f}) is not clearly below the '
                         f'identity\'s ({ident["loss_fp"]:.5f}): the loss '
                         'cannot teach filters of this form on these clips')
            continue
        line = (f'{mode} filters: the loss at the oracle is '
                f'{100 * (1 - o["loss_fp"] / ident["loss_fp"]):.1f}% below '
                'the identity\'s')
        m = s.get(f'oracle {mode}')
        if m is not None:
            parts = []
            for part in ('seen', 'future'):
                gain = m[f'psnr_{part}'] - ident[f'psnr_{part}']
                got = s['model'][f'psnr_{part}'] - ident[f'psnr_{part}']
                parts.append(f'{part} {gain:+.2f} dB, the model captures '
                             f'{100 * got / gain:.0f}%' if gain >
                             0 else f'{part}: no PSNR gain')
            line += '; PSNR over copy-last: ' + '; '.join(parts)
        lines.append(line)
    return '\n'.join(lines)


def format_table(s: Dict) -> str:
    cols = ('loss_fp', 'psnr_seen', 'ssim_seen', 'psnr_future', 'ssim_future')
    rows = [
        '| filters | ' + ' | '.join(cols) + ' |',
        '| --- |' + ' :-: |' * len(cols)
    ]
    for name, v in s.items():
        rows.append(f'| {name} | {v["loss_fp"]:.5f} | ' + ' | '.join(
            f'{v[c]:.2f}' if c.startswith('psnr') else f'{v[c]:.4f}'
            for c in cols[1:]) + ' |')
    return '\n'.join(rows)


def main(argv=None) -> Dict:
    args = parse_args(argv)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    r = measure(cfg, args.checkpoint, args.split, args.num_clips, args.modes,
                args.steps, args.seed, tuple(args.fit))
    r.update(
        config=osp.splitext(osp.basename(args.config))[0],
        checkpoint=args.checkpoint,
        split=args.split,
        verdict=verdict(r['scores']))
    text = (f'{r["config"]}, {args.split} split, {r["samples"]} clips, '
            f'oracle {args.steps} steps, model: '
            f'{args.checkpoint or "initialisation"}\n\n' +
            format_table(r['scores']) + '\n\n' + r['verdict'] + '\n')
    if r['skipped']:
        text += f'({r["skipped"]} sample(s) skipped as invalid)\n'
    print(text, end='')
    if args.out:
        write_report(args.out, 'loss_at_filters.py', argv, text, r)
    return r


if __name__ == '__main__':
    main()
