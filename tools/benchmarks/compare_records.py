"""Compare a rerun of a pretraining's benchmark chain with its recorded
numbers (does one command reproduce them?):

    python tools/benchmarks/run_benchmark.py CONFIG --rerun \
        --record-root work_dirs/rerun_records
    python tools/benchmarks/results.py compare CONFIG \
        --rerun-root work_dirs/rerun_records [--out FILE.md]

Prints, per job, the headline metrics recorded in the project beside the
rerun's, and their difference; exits non-zero when a job is missing on
either side.
"""
import sys

import records as br
import tables

PRETEXT = [
    'motion/pred_l1', 'motion/pred_ssim', 'motion/pred_epe', 'frame_pred/ssim',
    'frame_pred/psnr', 'atomic_flow/top1', 'atomic_flow/epe'
]
HEADLINE = {
    'fine-tune': ['acc/top1', 'acc/mean1'],
    'linear-probe': ['acc/top1'],
    'retrieval': ['retrieval/R@1', 'retrieval/R@5', 'retrieval/knn_top1']
}


def compare(config, rerun_root, root='.'):
    rows, missing = [], []
    for job in br.load_jobs(config):
        a = br.read_record(job, root)
        b = br.read_record(job, rerun_root)
        if a is None or b is None:
            missing.append((job, 'recorded' if a is None else 'rerun'))
            continue
        keys = HEADLINE.get(job['task']) or [
            k for k in PRETEXT if k in a['metrics']
        ] or sorted(a['metrics'])[:4]
        for k in keys:
            if k in a['metrics'] and k in b['metrics']:
                rows.append((job, k, a['metrics'][k], b['metrics'][k]))
    return rows, missing


def add_arguments(ap):
    ap.add_argument('configs', nargs='+')
    ap.add_argument('--rerun-root', required=True)
    ap.add_argument(
        '--recorded-root',
        default='.',
        help='compare with another rerun instead of the project')
    ap.add_argument('--out')


def run(args):
    lines = [
        '| pretraining | job | metric | recorded | rerun | rerun - '
        'recorded |', '| --- | --- | --- | :-: | :-: | :-: |'
    ]
    bad = []
    for cfg in args.configs:
        rows, missing = compare(cfg, args.rerun_root, args.recorded_root)
        name = br.config_name(cfg)
        for job, k, a, b in rows:
            fa, fb = tables.format_metric(k, a), tables.format_metric(k, b)
            diff = f'{(b - a) * 100:+.2f}' if tables.is_percent(k) else \
                f'{b - a:+.4f}'
            lines.append(f'| {name} | {job["task"]} | {k} | {fa} | {fb} | '
                         f'{diff} |')
        bad += [
            f'{name}: {job["task"]} {job["config"]}: no {side} record'
            for job, side in missing
        ]
    text = '\n'.join(lines)
    print(text)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text + '\n')
    if bad:
        sys.exit('\n'.join(bad))
