"""Print a Markdown table of recorded test metrics, for README results.

    python tools/analysis/results_table.py configs/atomic_flow \
        --match "convlstm-tiny_*msr*" --metrics acc/top1 acc/mean1

Reads ``<dir>/logs/<config name>/test_metrics.json`` (written by
``tools/train_test_record.sh``) for every run whose name matches the glob, and
prints one row per run: its name, the metrics (x100 for values in [0, 1] when
``--percent``) and its training wall-clock time from ``time.txt``, so the
numbers in a README are copied from the logs by a command, not typed.
"""
import argparse
import fnmatch
import json
import os
import os.path as osp


def rows(config_dir, pattern, metrics, percent):
    out = []
    logs = osp.join(config_dir, 'logs')
    for name in sorted(os.listdir(logs)):
        path = osp.join(logs, name, 'test_metrics.json')
        if not fnmatch.fnmatch(name, pattern) or not osp.isfile(path):
            continue
        with open(path) as f:
            m = json.load(f)
        missing = [k for k in metrics if k not in m]
        if missing:
            raise KeyError(f'{path} has no {missing}; it has {sorted(m)}')
        secs = ''
        tfile = osp.join(logs, name, 'time.txt')
        if osp.isfile(tfile):
            for line in open(tfile):
                if line.startswith('train wall-clock seconds:'):
                    secs = f'{int(line.split(":")[1]) / 60:.1f} min'
        vals = [m[k] * 100 if percent else m[k] for k in metrics]
        out.append((name, vals, secs))
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config_dir')
    p.add_argument('--match', default='*')
    p.add_argument('--metrics', nargs='+', required=True)
    p.add_argument('--percent', action='store_true')
    p.add_argument('--digits', type=int, default=2)
    args = p.parse_args(argv)
    found = rows(args.config_dir, args.match, args.metrics, args.percent)
    if not found:
        raise SystemExit(f'no recorded runs match {args.match!r} under '
                         f'{args.config_dir}/logs')
    print('| run | ' + ' | '.join(args.metrics) + ' | training time |')
    print('| --- |' + ' :-: |' * (len(args.metrics) + 1))
    for name, vals, secs in found:
        cells = ' | '.join(f'{v:.{args.digits}f}' for v in vals)
        print(f'| [{name}](logs/{name}) | {cells} | {secs} |')


if __name__ == '__main__':
    main()
